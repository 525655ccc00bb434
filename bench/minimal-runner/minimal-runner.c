/*
 * The least a runner can do for `exec`: one thread owns a PULL and a PUSH socket on loopback,
 * answers `status`, and runs each `exec` payload as a program name (posix_spawnp, no shell, no
 * pipes, no terminal, no control group), waits for it and sends `finished` with its exit code.
 * The benchmark measures it beside ours (bench/README.md, row 3e): what is left above it is
 * what ours does besides.
 *
 * Usage: minimal-runner READY-FILE   (writes {"input": ..., "output": ...} once bound)
 */
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <zmq.h>

extern char **environ;

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

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: minimal-runner READY-FILE\n");
        return 2;
    }
    void *context = zmq_ctx_new();
    void *input = zmq_socket(context, ZMQ_PULL);
    void *output = zmq_socket(context, ZMQ_PUSH);
    char input_endpoint[256], output_endpoint[256];
    size_t length = sizeof input_endpoint;
    if (zmq_bind(input, "tcp://127.0.0.1:0") != 0 || zmq_bind(output, "tcp://127.0.0.1:0") != 0
        || zmq_getsockopt(input, ZMQ_LAST_ENDPOINT, input_endpoint, &length) != 0) {
        perror("minimal-runner: bind");
        return 1;
    }
    length = sizeof output_endpoint;
    zmq_getsockopt(output, ZMQ_LAST_ENDPOINT, output_endpoint, &length);
    /* Written aside and renamed: whoever waits for the file never reads half of it. */
    char partial[4096];
    snprintf(partial, sizeof partial, "%s.partial", argv[1]);
    FILE *ready = fopen(partial, "w");
    if (ready == NULL) {
        perror("minimal-runner: ready file");
        return 1;
    }
    fprintf(ready, "{\"input\": \"%s\", \"output\": \"%s\"}\n", input_endpoint, output_endpoint);
    if (fclose(ready) != 0 || rename(partial, argv[1]) != 0) {
        perror("minimal-runner: ready file");
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
        char *arguments[] = {payload, NULL};
        pid_t pid;
        int status = 0, exit_code = 127;
        if (posix_spawnp(&pid, payload, NULL, NULL, arguments, environ) == 0 && waitpid(pid, &status, 0) == pid) {
            exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        snprintf(reply, sizeof reply, "{\"exitCode\": %d}", exit_code);
        send_reply(output, "finished", reply);
    }
}
