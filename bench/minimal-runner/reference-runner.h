/*
 * What bench/minimal-runner's reference runners share: the two sockets on loopback, the ready
 * file, `status` answered and each `exec` payload run as a program name by the runner's own
 * `run` function, whose exit code goes back in `finished`. The main thread does all of it.
 */
#ifndef REFERENCE_RUNNER_H
#define REFERENCE_RUNNER_H

#include <stdio.h>
#include <string.h>
#include <zmq.h>

static int receive_frame(void *socket, char *buffer, size_t size) {
    int length = zmq_recv(socket, buffer, size - 1, 0);
    if (length < 0) {
        return -1;
    }
    buffer[(size_t)length < size - 1 ? (size_t)length : size - 1] = '\0';
    return length;
}

static void send_reply(void *socket, const char *kind, const char *payload) {
    zmq_send(socket, kind, strlen(kind), ZMQ_SNDMORE);
    zmq_send(socket, payload, strlen(payload), 0);
}

/* Binds, writes the ready file at `ready_path`, then serves forever; returns 1 on a failed setup. */
static int serve(const char *name, const char *ready_path, int (*run)(char *program)) {
    void *context = zmq_ctx_new();
    void *input = zmq_socket(context, ZMQ_PULL);
    void *output = zmq_socket(context, ZMQ_PUSH);
    char input_endpoint[256], output_endpoint[256];
    size_t length = sizeof input_endpoint;
    if (zmq_bind(input, "tcp://127.0.0.1:0") != 0 || zmq_bind(output, "tcp://127.0.0.1:0") != 0
        || zmq_getsockopt(input, ZMQ_LAST_ENDPOINT, input_endpoint, &length) != 0) {
        fprintf(stderr, "%s: bind: %s\n", name, zmq_strerror(zmq_errno()));
        return 1;
    }
    length = sizeof output_endpoint;
    zmq_getsockopt(output, ZMQ_LAST_ENDPOINT, output_endpoint, &length);
    /* Written aside and renamed: whoever waits for the file never reads half of it. */
    char partial[4096];
    snprintf(partial, sizeof partial, "%s.partial", ready_path);
    FILE *ready = fopen(partial, "w");
    if (ready == NULL) {
        perror(name);
        return 1;
    }
    fprintf(ready, "{\"input\": \"%s\", \"output\": \"%s\"}\n", input_endpoint, output_endpoint);
    if (fclose(ready) != 0 || rename(partial, ready_path) != 0) {
        perror(name);
        return 1;
    }

    char op[64], payload[4096], reply[64];
    for (;;) {
        if (receive_frame(input, op, sizeof op) < 0 || receive_frame(input, payload, sizeof payload) < 0) {
            continue;
        }
        if (strcmp(op, "status") == 0) {
            send_reply(output, "status", "");
            continue;
        }
        if (strcmp(op, "exec") != 0) {
            continue;
        }
        snprintf(reply, sizeof reply, "{\"exitCode\": %d}", run(payload));
        send_reply(output, "finished", reply);
    }
}

#endif
