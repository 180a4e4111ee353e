/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host port of the SPM (spm_core.h, docs/host-runtime.md): each
 * partition runs in its own thread, clients are any other threads. One
 * mutex guards the core's state. A client whose message is queued sleeps
 * until a reply comes; a partition sleeps on its own condition until a
 * message arrives.
 */
#include <pthread.h>

#include "spm_core.h"

const char spm_port_name[] = "spm_host";

static pthread_mutex_t spm_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t reply_given = PTHREAD_COND_INITIALIZER;
static pthread_cond_t message_arrived[SPM_HOST_MAX_PARTITIONS];

static _Thread_local int32_t thread_client_id = -1;
static _Thread_local struct spm_partition *thread_partition; /* NULL on a client's thread */

void spm_port_lock(void)
{
    pthread_mutex_lock(&spm_lock);
}

void spm_port_unlock(void)
{
    pthread_mutex_unlock(&spm_lock);
}

struct spm_partition *spm_port_running_partition(void)
{
    return thread_partition;
}

int32_t spm_port_client_id(void)
{
    return thread_client_id;
}

void spm_port_set_client_id(int32_t client_id)
{
    thread_client_id = client_id;
}

void spm_port_await_reply(struct spm_partition *partition, const struct spm_message *m)
{
    pthread_cond_signal(&message_arrived[spm_core_partition_index(partition)]);
    while (!m->replied) {
        pthread_cond_wait(&reply_given, &spm_lock);
    }
}

void spm_port_replied(const struct spm_message *m)
{
    (void)m;
    /* Every waiting client wakes and checks its own message: few clients wait at once. */
    pthread_cond_broadcast(&reply_given);
}

void spm_port_await_signals(struct spm_partition *partition, psa_signal_t mask)
{
    pthread_cond_t *arrived = &message_arrived[spm_core_partition_index(partition)];
    while ((spm_core_asserted_signals(partition) & mask) == 0) {
        pthread_cond_wait(arrived, &spm_lock);
    }
}

static void *partition_thread(void *arg)
{
    thread_partition = arg;
    thread_client_id = thread_partition->id;
    spm_core_run_partition(thread_partition);
}

int spm_port_start(struct spm_partition *partition)
{
    pthread_cond_t *arrived = &message_arrived[spm_core_partition_index(partition)];
    if (pthread_cond_init(arrived, NULL) != 0) {
        return -1;
    }
    pthread_t thread;
    if (pthread_create(&thread, NULL, partition_thread, partition) != 0) {
        pthread_cond_destroy(arrived);
        return -1;
    }
    pthread_detach(thread); /* it never ends: nobody joins it */
    return 0;
}
