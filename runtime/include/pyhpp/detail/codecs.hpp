// All codecs used by generated sources (one header per family).
#pragma once

#include <pyhpp/detail/codec_callable.hpp>
#include <pyhpp/detail/codec_containers.hpp>
#include <pyhpp/detail/codec_enum.hpp>
#include <pyhpp/detail/codec_instance.hpp>
#include <pyhpp/detail/codec_iterator.hpp>
#include <pyhpp/detail/codec_misc.hpp>
#include <pyhpp/detail/codec_refs.hpp>
#include <pyhpp/detail/codec_scalar.hpp>
#include <pyhpp/detail/codec_time.hpp>
#include <pyhpp/detail/codec_variant.hpp>
