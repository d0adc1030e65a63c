// Umbrella header of the pyhpp runtime: everything a user of generated bindings needs.
#pragma once

#include <pyhpp/arguments.hpp>
#include <pyhpp/cast.hpp>
#include <pyhpp/containers.hpp>
#include <pyhpp/error.hpp>
#include <pyhpp/function.hpp>
#include <pyhpp/gil.hpp>
#include <pyhpp/interpreter.hpp>
#include <pyhpp/iterator.hpp>
#include <pyhpp/object.hpp>
