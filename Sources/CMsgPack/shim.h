#ifndef KERNEL_RUNNER_CMSGPACK_SHIM_H
#define KERNEL_RUNNER_CMSGPACK_SHIM_H
#include <msgpack.h>
#endif
