/**
 * @file main_host.c
 * @brief Host entry point of the unit tests: `osfn_unit_tests [suite]`.
 */
int osfn_test_main(const char *only);

int main(int argc, char **argv)
{
    return osfn_test_main((argc > 1) ? argv[1] : (const char *)0);
}
