// All codecs used by generated sources (one header per family).
#pragma once

#include <pyhpp/detail/codec_containers.hpp>
#include <pyhpp/detail/codec_scalar.hpp>
