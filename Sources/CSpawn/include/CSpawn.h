#ifndef CSPAWN_H
#define CSPAWN_H

#include "krs_spawn.h"
#include "krs_terminal.h"

#endif
