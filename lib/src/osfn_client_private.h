/**
 * @file osfn_client_private.h
 * @brief What the client shares with the watch helper (not public API).
 */
#ifndef OSFN_CLIENT_PRIVATE_H
#define OSFN_CLIENT_PRIVATE_H

#include <stdbool.h>

#include "osfn/osfn_client.h"

/** True when another attempt may succeed where one with this outcome failed. */
bool osfn__is_transient(osfn_status_t st, const osfn_envelope_t *e, uint16_t http_status);

/** A uniformly random number in [0, bound] from the client's random source (bound/2 if it fails). */
uint32_t osfn__random_below(const osfn_client_t *client, uint32_t bound);

#endif /* OSFN_CLIENT_PRIVATE_H */
