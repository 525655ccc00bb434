#ifndef CSYSTEM_H
#define CSYSTEM_H

#include "krs_system.h"

#endif
