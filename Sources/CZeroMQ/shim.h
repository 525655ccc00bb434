#ifndef KERNEL_RUNNER_CZEROMQ_SHIM_H
#define KERNEL_RUNNER_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
