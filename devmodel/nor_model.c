/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * NOR array, command decoder, timing and faults of the device model.
 *
 * A program or erase is decided at chip-select release (WEL set, command
 * complete) and lands when its busy time has passed; until then the part
 * answers only status reads. Anything that stops the part early (power cut,
 * reset) tears the operation in a reproducible way.
 */
#include <string.h>

#include "model_memory.h"
#include "nor_model_internal.h"
#include "spi_nor_defs.h"

/* The page buffer also holds a device's own program of several pages. */
static uint32_t program_buffer_size(const struct nor_model_config *cfg)
{
    return cfg->page_size > NOR_MODEL_MAX_PROGRAM ? cfg->page_size : NOR_MODEL_MAX_PROGRAM;
}

#define NS_PER_US 1000ull
#define NS_PER_S 1000000000ull

void nor_model_default_config(struct nor_model_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->size_bytes = 16u * 1024u * 1024u;
    cfg->page_size = 256u;
    /* Macronix, SPI NOR, 128 Mbit: what an MX25L128-class part answers. */
    cfg->jedec_id[0] = 0xC2u;
    cfg->jedec_id[1] = 0x20u;
    cfg->jedec_id[2] = 0x18u;
    /*
     * Typical figures of a 3 V 128 Mbit serial NOR, chosen to be exactly
     * representable in SFDP units so that what the part announces is what
     * it does. See docs/device-model.md.
     */
    cfg->timing.spi_hz = 50000000u;
    cfg->timing.lanes = 1u;
    cfg->timing.cs_overhead_ns = 50u;
    cfg->timing.t_pp_us = 512u;
    cfg->timing.t_se_us = 30000u;
    cfg->timing.t_be32_us = 160000u;
    cfg->timing.t_be64_us = 256000u;
    cfg->timing.t_ce_us = 40000000u;
    cfg->timing.t_reset_us = 30u;
    cfg->endurance_cycles = 100000u;
}

static bool is_pow2(uint32_t v)
{
    return v != 0u && (v & (v - 1u)) == 0u;
}

static bool config_valid(const struct nor_model_config *cfg)
{
    const struct nor_model_timing *t = &cfg->timing;
    if (cfg->size_bytes == 0u || cfg->size_bytes % NOR_MODEL_BLOCK64_SIZE != 0u ||
        cfg->size_bytes > SPI_NOR_MAX_SIZE) {
        return false;
    }
    if (!is_pow2(cfg->page_size) || cfg->page_size < 16u || cfg->page_size > 4096u) {
        return false;
    }
    if (t->spi_hz == 0u || (t->lanes != 1u && t->lanes != 2u && t->lanes != 4u)) {
        return false;
    }
    /* Each time must fit its SFDP field (see nor_model_sfdp.c). */
    if (t->t_pp_us == 0u || t->t_pp_us > 32u * 64u || t->t_se_us == 0u ||
        t->t_se_us > 32u * 1000000u || t->t_be32_us == 0u || t->t_be32_us > 32u * 1000000u ||
        t->t_be64_us == 0u || t->t_be64_us > 32u * 1000000u || t->t_ce_us == 0u ||
        t->t_ce_us > 32u * 64000000u) {
        return false;
    }
    if (cfg->endurance_cycles == 0u || cfg->n_extra_sfdp > NOR_MODEL_MAX_EXTRA_SFDP_TABLES ||
        cfg->nv_size > NOR_MODEL_MAX_NV_SIZE) {
        return false;
    }
    for (size_t i = 0; i < cfg->n_extra_sfdp; i++) {
        const struct nor_model_sfdp_table *tbl = &cfg->extra_sfdp[i];
        if (tbl->dwords == NULL || tbl->n_dwords == 0u || tbl->id == SFDP_ID_BFPT) {
            return false;
        }
    }
    return true;
}

nor_model_t *nor_model_create(const struct nor_model_config *cfg, enum nor_model_status *status)
{
    enum nor_model_status st = NOR_MODEL_OK;
    struct nor_model *m = NULL;

    if (cfg == NULL || !config_valid(cfg)) {
        st = NOR_MODEL_ERR_CONFIG;
        goto out;
    }
    m = model_alloc(sizeof(*m));
    if (m == NULL) {
        st = NOR_MODEL_ERR_NO_MEMORY;
        goto out;
    }
    m->cfg = *cfg;
    m->n_sectors = cfg->size_bytes / NOR_MODEL_SECTOR_SIZE;
    m->array = model_alloc(cfg->size_bytes);
    m->erase_counts = model_alloc((size_t)m->n_sectors * sizeof(*m->erase_counts));
    m->page_buffer = model_alloc(program_buffer_size(cfg));
    m->nv = model_alloc(cfg->nv_size + 1u);
    if (m->array == NULL || m->erase_counts == NULL || m->page_buffer == NULL || m->nv == NULL) {
        st = NOR_MODEL_ERR_NO_MEMORY;
        goto out;
    }
    memset(m->array, SPI_NOR_ERASED_BYTE, cfg->size_bytes);
    memset(m->nv, SPI_NOR_ERASED_BYTE, cfg->nv_size);
    st = nor_model_build_sfdp(m);
    if (st != NOR_MODEL_OK) {
        goto out;
    }
    if (cfg->image_path != NULL) {
        st = nor_model_image_open(m);
        if (st != NOR_MODEL_OK) {
            goto out;
        }
    }
    m->powered = true;

out:
    if (status != NULL) {
        *status = st;
    }
    if (st != NOR_MODEL_OK) {
        nor_model_destroy(m);
        return NULL;
    }
    return m;
}

void nor_model_destroy(nor_model_t *m)
{
    if (m == NULL) {
        return;
    }
    nor_model_image_close(m);
    model_free(m->array);
    model_free(m->erase_counts);
    model_free(m->page_buffer);
    model_free(m->nv);
    model_free(m);
}

enum nor_model_status nor_model_image_status(const nor_model_t *m)
{
    return m->image_status;
}

const char *nor_model_strerror(enum nor_model_status status)
{
    switch (status) {
    case NOR_MODEL_OK:
        return "success";
    case NOR_MODEL_ERR_CONFIG:
        return "invalid geometry or timing configuration";
    case NOR_MODEL_ERR_NO_MEMORY:
        return "out of memory";
    case NOR_MODEL_ERR_IMAGE_IO:
        return "cannot open, read or write the image file";
    case NOR_MODEL_ERR_IMAGE_FORMAT:
        return "the file is not a flash image of this model";
    case NOR_MODEL_ERR_IMAGE_GEOMETRY:
        return "the image was made for another flash geometry";
    case NOR_MODEL_ERR_IMAGE_TRUNCATED:
        return "the image file is truncated";
    case NOR_MODEL_ERR_IMAGE_TRAILING:
        return "the image file has bytes after its end";
    }
    return "unknown error";
}

/* ---- randomness for faults: splitmix64, reproducible from a seed ---- */

static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* ---- time ---- */

static bool is_busy(const struct nor_model *m)
{
    return m->now_ns < m->busy_until_ns;
}

/* New busy time queues behind what the device is already doing. */
static uint64_t busy_base(const struct nor_model *m)
{
    return is_busy(m) ? m->busy_until_ns : m->now_ns;
}

static void erase_range(struct nor_model *m, uint32_t addr, uint32_t len)
{
    for (uint32_t sector = addr / NOR_MODEL_SECTOR_SIZE;
         sector < (addr + len) / NOR_MODEL_SECTOR_SIZE; sector++) {
        if (m->erase_counts[sector] <= m->cfg.endurance_cycles) {
            memset(&m->array[sector * NOR_MODEL_SECTOR_SIZE], SPI_NOR_ERASED_BYTE,
                   NOR_MODEL_SECTOR_SIZE);
        }
    }
    nor_model_image_write_array(m, addr, len);
}

static void program_page(struct nor_model *m)
{
    for (uint32_t i = 0; i < m->pending_len; i++) {
        m->array[m->pending_addr + i] &= m->page_buffer[i];
    }
    nor_model_image_write_array(m, m->pending_addr, m->pending_len);
}

/* The pending operation has run its full time. */
static void complete_pending(struct nor_model *m)
{
    if (m->pending == PENDING_PROGRAM) {
        program_page(m);
    } else if (m->pending == PENDING_ERASE) {
        erase_range(m, m->pending_addr, m->pending_len);
    }
    m->pending = PENDING_NONE;
    m->wel = false;
}

/*
 * The pending operation is interrupted: a seeded prefix of it lands, the
 * byte at the cut lands partly, the rest keeps its old content.
 */
static void tear_pending(struct nor_model *m, uint64_t seed)
{
    uint64_t rng = seed;
    uint32_t cut = (uint32_t)(next_random(&rng) % ((uint64_t)m->pending_len + 1u));
    uint8_t partial = (uint8_t)next_random(&rng);
    uint8_t *base = &m->array[m->pending_addr];

    if (m->pending == PENDING_PROGRAM) {
        for (uint32_t i = 0; i < cut; i++) {
            base[i] &= m->page_buffer[i];
        }
        if (cut < m->pending_len) {
            base[cut] &= (uint8_t)(m->page_buffer[cut] | partial);
        }
    } else if (m->pending == PENDING_ERASE) {
        for (uint32_t i = 0; i < cut; i++) {
            if (m->erase_counts[(m->pending_addr + i) / NOR_MODEL_SECTOR_SIZE] <=
                m->cfg.endurance_cycles) {
                base[i] = SPI_NOR_ERASED_BYTE;
            }
        }
        if (cut < m->pending_len) {
            base[cut] |= partial;
        }
    }
    if (m->pending != PENDING_NONE) {
        nor_model_image_write_array(m, m->pending_addr, m->pending_len);
    }
    m->pending = PENDING_NONE;
    m->busy_until_ns = m->now_ns;
}

static void settle(struct nor_model *m)
{
    if (m->pending != PENDING_NONE && !is_busy(m)) {
        complete_pending(m);
    }
}

static void advance(struct nor_model *m, uint64_t ns)
{
    m->now_ns += ns;
    m->stats.device_time_ns += ns;
    settle(m);
}

void nor_model_advance(nor_model_t *m, uint64_t ns)
{
    advance(m, ns);
}

uint64_t nor_model_now_ns(const nor_model_t *m)
{
    return m->now_ns;
}

/* Bus time of n bytes, exact over a run: the remainder is carried. */
static void clock_bytes(struct nor_model *m, uint64_t n)
{
    uint64_t rate = (uint64_t)m->cfg.timing.spi_hz * m->cfg.timing.lanes;
    uint64_t num = n * 8u * NS_PER_S + m->clock_remainder;
    uint64_t ns = num / rate;
    m->clock_remainder = num % rate;
    m->stats.bus_time_ns += ns;
    advance(m, ns);
}

/* ---- faults ---- */

static void lose_volatile_state(struct nor_model *m)
{
    if (m->ext != NULL && m->ext->reset != NULL) {
        m->ext->reset(m->ext_ctx);
    }
}

static void power_off(struct nor_model *m)
{
    m->powered = false;
    m->selected = false;
    m->wel = false;
    m->busy_until_ns = m->now_ns;
    lose_volatile_state(m);
}

void nor_model_arm_power_loss(nor_model_t *m, uint64_t nth_operation, uint64_t seed)
{
    m->power_loss_at = nth_operation == 0u ? 0u : m->operation_count + nth_operation;
    m->power_loss_seed = seed;
}

void nor_model_disarm_power_loss(nor_model_t *m)
{
    m->power_loss_at = 0u;
}

void nor_model_power_cut(nor_model_t *m, uint64_t seed)
{
    settle(m);
    tear_pending(m, seed);
    power_off(m);
}

bool nor_model_is_powered(const nor_model_t *m)
{
    return m->powered;
}

void nor_model_power_cycle(nor_model_t *m)
{
    if (m->powered) {
        nor_model_power_cut(m, 0u);
    }
    m->powered = true;
    m->wel = false;
    m->scur = 0u;
    m->reset_enabled = false;
    m->selected = false;
}

uint64_t nor_model_operation_count(const nor_model_t *m)
{
    return m->operation_count;
}

void nor_model_set_read_bitflips(nor_model_t *m, uint32_t one_in, uint64_t seed)
{
    m->bitflip_one_in = one_in;
    m->bitflip_state = seed;
}

static uint8_t read_array_byte(struct nor_model *m, uint32_t addr)
{
    uint8_t v = m->array[addr % m->cfg.size_bytes];
    if (m->bitflip_one_in != 0u) {
        for (unsigned bit = 0; bit < 8u; bit++) {
            if (next_random(&m->bitflip_state) % m->bitflip_one_in == 0u) {
                v ^= (uint8_t)(1u << bit);
            }
        }
    }
    return v;
}

/* ---- inspection ---- */

const struct nor_model_stats *nor_model_stats(const nor_model_t *m)
{
    return &m->stats;
}

void nor_model_reset_stats(nor_model_t *m)
{
    memset(&m->stats, 0, sizeof(m->stats));
}

const struct nor_model_config *nor_model_config(const nor_model_t *m)
{
    return &m->cfg;
}

uint32_t nor_model_erase_count(const nor_model_t *m, uint32_t sector_index)
{
    return sector_index < m->n_sectors ? m->erase_counts[sector_index] : 0u;
}

bool nor_model_peek(const nor_model_t *m, uint32_t addr, void *buf, size_t len)
{
    if (buf == NULL || addr > m->cfg.size_bytes || len > m->cfg.size_bytes - addr) {
        return false;
    }
    memcpy(buf, &m->array[addr], len);
    return true;
}

/* ---- command decoder ---- */

static bool is_status_read(uint8_t op)
{
    return op == SPI_NOR_OP_RDSR || op == SPI_NOR_OP_RDSCUR;
}

void nor_model_select(nor_model_t *m)
{
    if (!m->powered || m->selected) {
        return;
    }
    m->selected = true;
    m->ignoring = false;
    m->position = 0u;
    m->address = 0u;
    m->page_data_count = 0u;
    m->claimed = false;
    m->refused = false;
    m->stats.transactions++;
    m->stats.bus_time_ns += m->cfg.timing.cs_overhead_ns;
    advance(m, m->cfg.timing.cs_overhead_ns);
}

static void start_command(struct nor_model *m, uint8_t op)
{
    m->opcode = op;
    m->stats.commands[op]++;
    /* While busy a part answers status reads only. */
    m->ignoring = is_busy(m) && !is_status_read(op);
    m->claimed = !m->ignoring && m->ext != NULL && m->ext->claims(m->ext_ctx, op);
    if (op == SPI_NOR_OP_PP && !m->ignoring) {
        memset(m->page_buffer, SPI_NOR_ERASED_BYTE, m->cfg.page_size);
    }
}

/* Which response phase starts at which byte, per opcode; 0: none. */
static uint64_t response_start(uint8_t op)
{
    switch (op) {
    case SPI_NOR_OP_RDID:
    case SPI_NOR_OP_RDSR:
    case SPI_NOR_OP_RDSCUR:
        return 1u;
    case SPI_NOR_OP_READ:
        return 1u + SPI_NOR_ADDR_BYTES;
    case SPI_NOR_OP_FAST_READ:
        return 1u + SPI_NOR_ADDR_BYTES + SPI_NOR_DUMMY_FAST_READ;
    case SPI_NOR_OP_RDSFDP:
        return 1u + SPI_NOR_ADDR_BYTES + SPI_NOR_DUMMY_RDSFDP;
    default:
        return 0u;
    }
}

/* A secure zone refuses plain commands; remember it for the release. */
static bool plain_access_allowed(struct nor_model *m, uint32_t addr, uint32_t len, bool write)
{
    if (m->ext == NULL || m->ext->plain_access_allowed(m->ext_ctx, addr, len, write)) {
        return true;
    }
    m->refused = true;
    return false;
}

static uint8_t status_register(const struct nor_model *m)
{
    return (uint8_t)((is_busy(m) ? SPI_NOR_SR_WIP : 0u) | (m->wel ? SPI_NOR_SR_WEL : 0u));
}

static uint8_t response_byte(struct nor_model *m, uint64_t index)
{
    switch (m->opcode) {
    case SPI_NOR_OP_RDID:
        return m->cfg.jedec_id[index % 3u];
    case SPI_NOR_OP_RDSR:
        return status_register(m);
    case SPI_NOR_OP_RDSCUR:
        return m->scur;
    case SPI_NOR_OP_READ:
    case SPI_NOR_OP_FAST_READ: {
        uint32_t a = (uint32_t)((m->address + index) % m->cfg.size_bytes);
        if (!plain_access_allowed(m, a, 1u, false)) {
            return SPI_NOR_ERASED_BYTE;
        }
        return read_array_byte(m, a);
    }
    case SPI_NOR_OP_RDSFDP: {
        uint64_t a = m->address + index;
        return a < m->sfdp_len ? m->sfdp[a] : SPI_NOR_ERASED_BYTE;
    }
    default:
        return SPI_NOR_ERASED_BYTE;
    }
}

static uint8_t clock_one(struct nor_model *m, uint8_t in)
{
    uint64_t pos = m->position++;
    if (pos == 0u) {
        start_command(m, in);
    }
    if (m->claimed) {
        bool from_device = false;
        uint8_t out = m->ext->clock(m->ext_ctx, pos, in, &from_device);
        if (from_device) {
            m->stats.bytes_from_device++;
        } else {
            m->stats.bytes_to_device++;
        }
        return out;
    }
    uint64_t resp = response_start(m->opcode);
    bool response = !m->ignoring && resp != 0u && pos >= resp;

    if (response) {
        m->stats.bytes_from_device++;
    } else {
        m->stats.bytes_to_device++;
    }
    if (m->ignoring || pos == 0u) {
        return SPI_NOR_ERASED_BYTE;
    }
    if (response) {
        return response_byte(m, pos - resp);
    }
    if (pos <= SPI_NOR_ADDR_BYTES) {
        m->address = (m->address << 8) | in;
        return SPI_NOR_ERASED_BYTE;
    }
    if (m->opcode == SPI_NOR_OP_PP) {
        /* Data wraps inside the page; the last byte sent to an offset wins. */
        uint32_t offset =
            (uint32_t)((m->address + (pos - 1u - SPI_NOR_ADDR_BYTES)) % m->cfg.page_size);
        m->page_buffer[offset] = in;
        m->page_data_count++;
    }
    return SPI_NOR_ERASED_BYTE;
}

void nor_model_clock(nor_model_t *m, const uint8_t *mosi, uint8_t *miso, size_t n)
{
    if (!m->powered || !m->selected) {
        /* Nobody drives MISO: the line floats high. */
        if (miso != NULL) {
            memset(miso, 0xFF, n);
        }
        if (m->powered) {
            clock_bytes(m, n);
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t out = clock_one(m, mosi != NULL ? mosi[i] : 0xFFu);
        if (miso != NULL) {
            miso[i] = out;
        }
    }
    clock_bytes(m, n);
}

static bool sector_worn(const struct nor_model *m, uint32_t addr)
{
    return m->erase_counts[addr / NOR_MODEL_SECTOR_SIZE] > m->cfg.endurance_cycles;
}

/* The first `pages` pages of a pending program have run their time: they
 * land whole, and the program goes on from the next one. */
static void land_pages(struct nor_model *m, uint32_t pages)
{
    uint32_t n = pages * m->cfg.page_size;
    for (uint32_t i = 0; i < n; i++) {
        m->array[m->pending_addr + i] &= m->page_buffer[i];
    }
    nor_model_image_write_array(m, m->pending_addr, n);
    memmove(m->page_buffer, &m->page_buffer[n], m->pending_len - n);
    m->pending_addr += n;
    m->pending_len -= n;
}

/* Count a program/erase of `steps` operations (a program's pages, run one
 * after the other); a cut armed on one of them lands the steps before it,
 * tears that one and takes the power with it. */
static void begin_operation(struct nor_model *m, enum pending_op op, uint32_t addr, uint32_t len,
                            uint32_t busy_us, uint32_t steps)
{
    uint64_t first = m->operation_count + 1u;
    m->pending = op;
    m->pending_addr = addr;
    m->pending_len = len;
    m->busy_until_ns = busy_base(m) + (uint64_t)busy_us * steps * NS_PER_US;
    m->stats.busy_time_ns += (uint64_t)busy_us * steps * NS_PER_US;
    m->operation_count += steps;
    if (m->power_loss_at >= first && m->power_loss_at <= m->operation_count) {
        uint32_t done = (uint32_t)(m->power_loss_at - first);
        m->operation_count = m->power_loss_at; /* the steps after it never ran */
        m->power_loss_at = 0u;
        if (steps > 1u) {
            land_pages(m, done);
            m->pending_len = m->cfg.page_size; /* the page the cut falls on */
        }
        tear_pending(m, m->power_loss_seed);
        power_off(m);
    }
}

static uint32_t page_base(const struct nor_model *m)
{
    return (m->address % m->cfg.size_bytes) & ~(m->cfg.page_size - 1u);
}

/* Program the page buffer into `pages` pages from m->address's, one page
 * after the other; false on P_FAIL (a worn sector among them). */
static bool start_program(struct nor_model *m, uint32_t pages)
{
    uint32_t base = page_base(m);
    uint32_t len = pages * m->cfg.page_size;
    bool ok = true;
    m->stats.pages_programmed += pages;
    m->stats.bytes_programmed += m->page_data_count < len ? m->page_data_count : len;
    for (uint32_t at = base; at < base + len; at += m->cfg.page_size) {
        ok = ok && !sector_worn(m, at);
    }
    if (!ok) {
        m->scur |= SPI_NOR_SCUR_P_FAIL;
        m->stats.program_failures++;
        memset(m->page_buffer, SPI_NOR_ERASED_BYTE, len);
    }
    begin_operation(m, PENDING_PROGRAM, base, len, m->cfg.timing.t_pp_us, pages);
    return ok && m->powered;
}

/* Erase the aligned block of `size` holding m->address; false on E_FAIL. */
static bool start_erase(struct nor_model *m, uint32_t size, uint32_t busy_us)
{
    uint32_t base = (m->address % m->cfg.size_bytes) & ~(size - 1u);
    bool failed = false;
    for (uint32_t s = base / NOR_MODEL_SECTOR_SIZE; s < (base + size) / NOR_MODEL_SECTOR_SIZE;
         s++) {
        if (m->erase_counts[s] != UINT32_MAX) {
            m->erase_counts[s]++;
        }
        failed = failed || m->erase_counts[s] > m->cfg.endurance_cycles;
    }
    nor_model_image_write_erase_counts(m, base / NOR_MODEL_SECTOR_SIZE,
                                       size / NOR_MODEL_SECTOR_SIZE);
    if (failed) {
        m->scur |= SPI_NOR_SCUR_E_FAIL;
        m->stats.erase_failures++;
    }
    m->stats.sectors_erased += size / NOR_MODEL_SECTOR_SIZE;
    m->stats.erase_operations++;
    begin_operation(m, PENDING_ERASE, base, size, busy_us, 1u);
    return !failed && m->powered;
}

static void plain_erase(struct nor_model *m, uint32_t size, uint32_t busy_us)
{
    uint32_t base = (m->address % m->cfg.size_bytes) & ~(size - 1u);
    if (plain_access_allowed(m, base, size, true)) {
        (void)start_erase(m, size, busy_us);
    }
}

static void software_reset(struct nor_model *m)
{
    tear_pending(m, m->now_ns);
    lose_volatile_state(m);
    m->wel = false;
    m->scur = 0u;
    m->busy_until_ns = m->now_ns + (uint64_t)m->cfg.timing.t_reset_us * NS_PER_US;
}

/* Commands that act at chip-select release, when complete and well formed. */
static void execute_on_release(struct nor_model *m)
{
    const struct nor_model_timing *t = &m->cfg.timing;
    uint64_t len = m->position;
    bool reset_enabled = m->reset_enabled;
    m->reset_enabled = false;

    switch (m->opcode) {
    case SPI_NOR_OP_WREN:
        if (len == 1u) {
            m->wel = true;
        }
        break;
    case SPI_NOR_OP_WRDI:
        if (len == 1u) {
            m->wel = false;
        }
        break;
    case SPI_NOR_OP_CLSR:
        if (len == 1u) {
            m->scur = 0u;
        }
        break;
    case SPI_NOR_OP_RSTEN:
        m->reset_enabled = len == 1u;
        break;
    case SPI_NOR_OP_RST:
        if (len == 1u && reset_enabled) {
            software_reset(m);
        }
        break;
    case SPI_NOR_OP_PP:
        if (m->wel && len > 1u + SPI_NOR_ADDR_BYTES &&
            plain_access_allowed(m, page_base(m), m->cfg.page_size, true)) {
            (void)start_program(m, 1u);
        }
        break;
    case SPI_NOR_OP_SE:
        if (m->wel && len == 1u + SPI_NOR_ADDR_BYTES) {
            plain_erase(m, NOR_MODEL_SECTOR_SIZE, t->t_se_us);
        }
        break;
    case SPI_NOR_OP_BE32K:
        if (m->wel && len == 1u + SPI_NOR_ADDR_BYTES) {
            plain_erase(m, NOR_MODEL_BLOCK32_SIZE, t->t_be32_us);
        }
        break;
    case SPI_NOR_OP_BE:
        if (m->wel && len == 1u + SPI_NOR_ADDR_BYTES) {
            plain_erase(m, NOR_MODEL_BLOCK64_SIZE, t->t_be64_us);
        }
        break;
    case SPI_NOR_OP_CE:
    case SPI_NOR_OP_CE_60:
        if (m->wel && len == 1u) {
            m->address = 0u;
            plain_erase(m, m->cfg.size_bytes, t->t_ce_us);
        }
        break;
    default:
        break;
    }
}

void nor_model_deselect(nor_model_t *m)
{
    if (!m->powered || !m->selected) {
        return;
    }
    m->selected = false;
    if (m->position == 0u) {
        return;
    }
    if (m->ignoring) {
        m->reset_enabled = false;
        return;
    }
    if (m->claimed) {
        m->reset_enabled = false;
        m->ext->release(m->ext_ctx, m->position);
        return;
    }
    execute_on_release(m);
    if (m->refused) {
        /* A refused read answers 0xFF; a refused program or erase reports
         * itself where the driver checks its outcome. */
        if (m->opcode != SPI_NOR_OP_READ && m->opcode != SPI_NOR_OP_FAST_READ) {
            m->scur |= SPI_NOR_SCUR_SEC_VIOLATION;
        }
        m->stats.plain_refused++;
        if (m->ext->violation != NULL) {
            m->ext->violation(m->ext_ctx);
        }
    }
}

/* ---- services for an extension ---- */

void nor_model_set_extension(nor_model_t *m, const struct nor_model_extension *ext, void *ctx)
{
    m->ext = ext;
    m->ext_ctx = ctx;
}

bool nor_model_nv_read(const nor_model_t *m, uint32_t offset, void *buf, uint32_t len)
{
    if (buf == NULL || offset > m->cfg.nv_size || len > m->cfg.nv_size - offset) {
        return false;
    }
    memcpy(buf, &m->nv[offset], len);
    return true;
}

bool nor_model_nv_write(nor_model_t *m, uint32_t offset, const void *data, uint32_t len)
{
    if (data == NULL || offset > m->cfg.nv_size || len > m->cfg.nv_size - offset || !m->powered) {
        return false;
    }
    /* An NV write is one operation of the power-cut campaign; it is atomic. */
    m->operation_count++;
    if (m->power_loss_at != 0u && m->operation_count == m->power_loss_at) {
        m->power_loss_at = 0u;
        power_off(m);
        return false;
    }
    memcpy(&m->nv[offset], data, len);
    m->stats.nv_writes++;
    nor_model_image_write_nv(m, offset, len);
    nor_model_add_busy(m, m->cfg.timing.t_pp_us);
    return true;
}

void nor_model_add_busy(nor_model_t *m, uint32_t us)
{
    m->busy_until_ns = busy_base(m) + (uint64_t)us * NS_PER_US;
    m->stats.work_time_ns += (uint64_t)us * NS_PER_US;
}

bool nor_model_is_busy(const nor_model_t *m)
{
    return is_busy(m);
}

void nor_model_read_array(nor_model_t *m, uint32_t addr, uint8_t *buf, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++) {
        buf[i] = read_array_byte(m, addr + i);
    }
}

bool nor_model_start_program(nor_model_t *m, uint32_t addr, const uint8_t *data, uint32_t len)
{
    uint32_t page = m->cfg.page_size;
    uint32_t offset = addr & (page - 1u);
    if (!m->powered || m->pending != PENDING_NONE || data == NULL || len == 0u ||
        addr >= m->cfg.size_bytes || len > program_buffer_size(&m->cfg) - offset ||
        len > m->cfg.size_bytes - addr) {
        return false;
    }
    uint32_t pages = (offset + len + page - 1u) / page;
    memset(m->page_buffer, SPI_NOR_ERASED_BYTE, pages * page);
    memcpy(&m->page_buffer[offset], data, len);
    m->address = addr;
    m->page_data_count = len;
    return start_program(m, pages);
}

bool nor_model_start_erase(nor_model_t *m, uint32_t addr, uint32_t size)
{
    const struct nor_model_timing *t = &m->cfg.timing;
    uint32_t busy_us = size == NOR_MODEL_SECTOR_SIZE    ? t->t_se_us
                       : size == NOR_MODEL_BLOCK32_SIZE ? t->t_be32_us
                       : size == NOR_MODEL_BLOCK64_SIZE ? t->t_be64_us
                                                        : 0u;
    if (!m->powered || m->pending != PENDING_NONE || busy_us == 0u || addr >= m->cfg.size_bytes ||
        (addr & (size - 1u)) != 0u) {
        return false;
    }
    m->address = addr;
    return start_erase(m, size, busy_us);
}
