/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Build-time settings of the ETSS partition. Each can be overridden from
 * the build (-DETSS_MAX_ASSET_SIZE=...); the defaults are at least as
 * generous as upstream ETSS's.
 */
#ifndef ETSS_CONFIG_H
#define ETSS_CONFIG_H

/* Largest asset, in bytes. Up to 4048 a filesystem sector is one 4 KiB
 * erase unit; larger assets make it several (docs/filesystem.md). */
#ifndef ETSS_MAX_ASSET_SIZE
#define ETSS_MAX_ASSET_SIZE 2048u
#endif

/* Assets one client may hold. */
#ifndef ETSS_MAX_ASSETS_PER_CLIENT
#define ETSS_MAX_ASSETS_PER_CLIENT 16u
#endif

/* Assets one zone's filesystem indexes (all clients bound to the zone). */
#ifndef ETSS_MAX_ASSETS_PER_ZONE
#define ETSS_MAX_ASSETS_PER_ZONE 32u
#endif

/* Zone filesystems mounted at once (each indexes ETSS_MAX_ASSETS_PER_ZONE). */
#ifndef ETSS_MAX_FILESYSTEMS
#define ETSS_MAX_FILESYSTEMS 4u
#endif

/* Largest provisioning message the partition accepts. */
#ifndef ETSS_MAX_PROVISIONING_LEN
#define ETSS_MAX_PROVISIONING_LEN 512u
#endif

/* Secure flash devices the partition serves at once. */
#ifndef ETSS_MAX_DEVICES
#define ETSS_MAX_DEVICES 2u
#endif

#if ETSS_MAX_ASSET_SIZE > 16384u || ETSS_MAX_ASSET_SIZE == 0u
#error "ETSS_MAX_ASSET_SIZE must be 1..16384"
#endif

#endif /* ETSS_CONFIG_H */
