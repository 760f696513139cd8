/**
 * @file link_probe.c
 * @brief Entry of the library-only link (osfn_link_probe.elf, never run): the library
 *        is linked whole, with mbedTLS's hashes and the C library functions it calls, so
 *        scripts/size-report.sh can read the frames of those C library functions and the
 *        linked size of the whole client on each architecture.
 */
void osfn_link_probe_entry(void);

void osfn_link_probe_entry(void)
{
    for (;;) {
    }
}
