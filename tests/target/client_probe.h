/**
 * @file client_probe.h
 * @brief Every client call once on the target, for the per-call stack figures.
 */
#ifndef OSFN_TARGET_CLIENT_PROBE_H
#define OSFN_TARGET_CLIENT_PROBE_H

/** Run the probe; 0 when every call succeeded. */
int osfn_target_client_probe(void);

#endif /* OSFN_TARGET_CLIENT_PROBE_H */
