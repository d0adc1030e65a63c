# pyhpp_add_bindings(): generate typed C++ wrappers of Python modules at build time.
#
#   pyhpp_add_bindings(<target> MODULES <module>... [PYTHONPATH <dir>...] [NAMESPACE <ns>]
#                      [OUTPUT_DIR <dir>] [PYTHON <exe>] [STRICT]
#                      [RECURSIVE [INCLUDE <pattern>...] [EXCLUDE <pattern>...]]
#                      [STUBS <dir>...] [NO_STUBS] [REPORT])
#
# Creates the static library <target>. Module `a.b` gets the header <NS/a/b.hpp> declaring
# namespace NS::a::b (NS defaults to `py`). RECURSIVE wraps every public submodule of the
# packages too (listed when CMake configures; a new submodule re-runs the configuration).
# Types the modules do not annotate come from stubs: STUBS directories first, then .pyi files
# next to the modules, <package>-stubs packages and typeshed (NO_STUBS: runtime annotations
# only); a stub file that changes regenerates. REPORT prints, at each generation, how much of
# each module's API is typed and where it fell back. The target interpreter (whose modules are wrapped
# and whose standard library and site-packages the program uses) defaults to
# Python3_EXECUTABLE and must be the Python version the runtime links against. The generated files
# are laid out by clang-format 14 (the cache variable PYHPP_CLANG_FORMAT, found when first
# needed), or by the generator itself when there is none.
include_guard(GLOBAL)

# pyhpp_add_bindings() runs in its caller's directory. When pyhpp is added with
# add_subdirectory(), that directory does not see the variables set in pyhpp's own directory
# (this file is included there, after find_package(Python3)): keep what the function needs.
set(_PYHPP_GENERATOR_DIR "${PYHPP_GENERATOR_DIR}" CACHE INTERNAL "")
set(_PYHPP_PYTHON_EXECUTABLE "${Python3_EXECUTABLE}" CACHE INTERNAL "")
set(_PYHPP_PYTHON_VERSION "${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}" CACHE INTERNAL "")

# The Python that runs the generator needs Jinja2; it need not be the target interpreter.
function(_pyhpp_find_generator_python)
    if(PYHPP_GENERATOR_PYTHON)
        return()
    endif()
    foreach(candidate IN ITEMS "${_PYHPP_PYTHON_EXECUTABLE}" /usr/bin/python3 python3)
        if(NOT candidate)
            continue()
        endif()
        execute_process(COMMAND "${candidate}" -c "import jinja2"
                        RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
        if(rc EQUAL 0)
            set(PYHPP_GENERATOR_PYTHON "${candidate}" CACHE FILEPATH
                "Python (with Jinja2) that runs the pyhpp generator")
            return()
        endif()
    endforeach()
    message(FATAL_ERROR "pyhpp: no Python with Jinja2 found to run the generator; install it "
                        "(Debian: apt-get install python3-jinja2) or set PYHPP_GENERATOR_PYTHON")
endfunction()

# The clang-format that lays out the generated files, passed to the generator so that the build
# does not depend on PATH: version 14 only (another version breaks lines differently), from
# $PYHPP_CLANG_FORMAT, else clang-format-14, else clang-format if it is version 14; "none" when
# there is none, and the generator lays the files out itself.
function(_pyhpp_find_clang_format)
    if(DEFINED CACHE{PYHPP_CLANG_FORMAT})
        return()
    endif()
    set(found none)
    if(DEFINED ENV{PYHPP_CLANG_FORMAT})
        set(found "$ENV{PYHPP_CLANG_FORMAT}")
    else()
        foreach(name IN ITEMS clang-format-14 clang-format)
            find_program(_pyhpp_clang_format_candidate NAMES ${name})
            set(candidate "${_pyhpp_clang_format_candidate}")
            unset(_pyhpp_clang_format_candidate CACHE)
            if(candidate)
                execute_process(COMMAND "${candidate}" --version OUTPUT_VARIABLE version
                                RESULT_VARIABLE rc ERROR_QUIET)
                if(rc EQUAL 0 AND version MATCHES "clang-format version 14\\.")
                    set(found "${candidate}")
                    break()
                endif()
            endif()
        endforeach()
    endif()
    if(found STREQUAL "none")
        message(STATUS "pyhpp: no clang-format 14 found; the generator lays out its files itself")
    else()
        message(STATUS "pyhpp: generated files are laid out by ${found}")
    endif()
    set(PYHPP_CLANG_FORMAT "${found}" CACHE STRING
        "clang-format 14 that lays out the generated files ('none': the generator's own layout)")
endfunction()

function(pyhpp_add_bindings target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "STRICT;RECURSIVE;NO_STUBS;REPORT"
                          "NAMESPACE;OUTPUT_DIR;PYTHON" "MODULES;PYTHONPATH;INCLUDE;EXCLUDE;STUBS")
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "pyhpp_add_bindings(${target}): unknown arguments: "
                            "${arg_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT arg_MODULES)
        message(FATAL_ERROR "pyhpp_add_bindings(${target}): MODULES is required")
    endif()
    if(NOT DEFINED arg_NAMESPACE)
        set(arg_NAMESPACE py)
    endif()
    if(NOT arg_OUTPUT_DIR)
        set(arg_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/${target}.pyhpp")
    endif()
    get_filename_component(out "${arg_OUTPUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
    if(NOT arg_PYTHON)
        set(arg_PYTHON "${_PYHPP_PYTHON_EXECUTABLE}")
    endif()
    _pyhpp_find_generator_python()
    _pyhpp_find_clang_format()

    # The interpreter as it names itself (a pyenv shim resolves to the real binary; a venv's
    # python stays the venv's), and its version, which must match the linked libpython.
    execute_process(
        COMMAND "${arg_PYTHON}" -c
                "import sys; print(sys.executable); print('%d.%d' % sys.version_info[:2])"
        OUTPUT_VARIABLE probe RESULT_VARIABLE rc ERROR_VARIABLE probe_error
        OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "pyhpp_add_bindings(${target}): cannot run Python '${arg_PYTHON}': "
                            "${probe_error}")
    endif()
    string(REPLACE "\n" ";" probe "${probe}")
    list(GET probe 0 python_exe)
    list(GET probe 1 python_version)
    set(linked_version "${_PYHPP_PYTHON_VERSION}")
    if(NOT python_version STREQUAL linked_version)
        message(FATAL_ERROR "pyhpp_add_bindings(${target}): PYTHON '${arg_PYTHON}' is Python "
                            "${python_version} but the runtime links Python ${linked_version}; "
                            "configure with -DPython3_EXECUTABLE=${arg_PYTHON}")
    endif()

    set(paths)
    foreach(dir IN LISTS arg_PYTHONPATH)
        get_filename_component(dir "${dir}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
        list(APPEND paths "${dir}")
    endforeach()

    set(walk_options)
    if(arg_RECURSIVE)
        list(APPEND walk_options --recursive)
        foreach(pattern IN LISTS arg_INCLUDE)
            list(APPEND walk_options --include "${pattern}")
        endforeach()
        foreach(pattern IN LISTS arg_EXCLUDE)
            list(APPEND walk_options --exclude "${pattern}")
        endforeach()
    elseif(arg_INCLUDE OR arg_EXCLUDE)
        message(FATAL_ERROR "pyhpp_add_bindings(${target}): INCLUDE and EXCLUDE need RECURSIVE")
    endif()
    set(path_options)
    foreach(dir IN LISTS paths)
        list(APPEND path_options --path "${dir}")
    endforeach()

    # The modules that get files: with RECURSIVE, the generator lists the submodules now.
    set(modules ${arg_MODULES})
    set(modules_file "")
    if(arg_RECURSIVE)
        string(MD5 walk_hash "${arg_MODULES};${walk_options}")
        string(SUBSTRING "${walk_hash}" 0 12 walk_hash)
        set(modules_file "${out}/pyhpp-${walk_hash}.modules")
        set(directories_file "${out}/pyhpp-${walk_hash}.directories")
        execute_process(
            COMMAND "${PYHPP_GENERATOR_PYTHON}" "${_PYHPP_GENERATOR_DIR}/bin/pyhpp" modules
                    ${arg_MODULES} --python "${python_exe}" ${path_options} ${walk_options}
                    --directories-file "${directories_file}"
            OUTPUT_VARIABLE listed RESULT_VARIABLE rc ERROR_VARIABLE list_error
            OUTPUT_STRIP_TRAILING_WHITESPACE)
        if(NOT rc EQUAL 0)
            string(STRIP "${list_error}" list_error)
            message(FATAL_ERROR "pyhpp_add_bindings(${target}): ${list_error}")
        endif()
        string(REPLACE "\n" ";" modules "${listed}")
        # A file added to a package directory (a new submodule) changes the directory's time
        # stamp: the build then configures again first, so the library gets the new files.
        file(STRINGS "${directories_file}" package_directories)
        set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${package_directories})
        # The generator rewrites this file when the list it finds differs (an import that
        # failed now works); CMake then configures again on the next build.
        set(listed_text "")
        foreach(module IN LISTS modules)
            string(APPEND listed_text "${module}\n")
        endforeach()
        file(CONFIGURE OUTPUT "${modules_file}" CONTENT "${listed_text}")
        set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${modules_file}")
    endif()

    string(REPLACE "::" "/" ns_dir "${arg_NAMESPACE}")
    if(ns_dir)
        set(ns_dir "${ns_dir}/")
    endif()
    set(headers)
    set(sources)
    foreach(module IN LISTS modules)
        string(REPLACE "." "/" module_path "${module}")
        list(APPEND headers "${out}/include/${ns_dir}${module_path}.hpp")
        list(APPEND sources "${out}/src/${ns_dir}${module_path}.cpp")
    endforeach()

    set(command "${PYHPP_GENERATOR_PYTHON}" "${_PYHPP_GENERATOR_DIR}/bin/pyhpp" generate
        ${arg_MODULES} -o "${out}" --python "${python_exe}" --namespace "${arg_NAMESPACE}")
    list(APPEND command --compiler "${CMAKE_CXX_COMPILER}" ${path_options} ${walk_options}
         --clang-format "${PYHPP_CLANG_FORMAT}")
    if(modules_file)
        list(APPEND command --modules-file "${modules_file}")
    endif()
    if(arg_STRICT)
        list(APPEND command --strict)
    endif()
    foreach(dir IN LISTS arg_STUBS)
        get_filename_component(dir "${dir}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
        list(APPEND command --stubs "${dir}")
    endforeach()
    if(arg_NO_STUBS)
        list(APPEND command --no-stubs)
    endif()
    if(arg_REPORT)
        list(APPEND command --report)
    endif()
    # The stamp's name changes with the command, so a changed MODULES list regenerates even
    # with Makefiles, which do not track commands.
    string(REPLACE ";" " " modules_text "${arg_MODULES}")
    string(MD5 command_hash "${command}")
    string(SUBSTRING "${command_hash}" 0 12 command_hash)
    set(stamp "${out}/pyhpp-${command_hash}.stamp")
    set(depfile "${out}/pyhpp-${command_hash}.d")
    add_custom_command(
        OUTPUT "${stamp}"
        BYPRODUCTS ${headers} ${sources}
        COMMAND ${command} --depfile "${depfile}" --stamp "${stamp}"
        DEPFILE "${depfile}"
        DEPENDS "${_PYHPP_GENERATOR_DIR}/bin/pyhpp"
        COMMENT "pyhpp: generating C++ bindings for ${modules_text}"
        VERBATIM)

    # Tells the runtime which Python the bindings were generated with and where their modules
    # live. An interface source, so every program linking the bindings registers them.
    set(config "${out}/config/${target}_config.cpp")
    set(path_literals "")
    foreach(dir IN LISTS paths)
        string(APPEND path_literals "\"${dir}\", ")
    endforeach()
    file(CONFIGURE OUTPUT "${config}" CONTENT
"// pyhpp configuration of the bindings target ${target} (written by pyhpp_add_bindings).
#include <pyhpp/interpreter.hpp>

namespace {
const char *const pyhpp_paths[] = {${path_literals}nullptr};
[[maybe_unused]] const bool pyhpp_registered =
    pyhpp::detail::register_bindings(\"${python_exe}\", \"${python_version}\", pyhpp_paths);
} // namespace
" @ONLY)

    add_library(${target} STATIC ${sources} "${stamp}")
    set_source_files_properties(${headers} ${sources} PROPERTIES GENERATED TRUE)
    target_sources(${target} INTERFACE "$<BUILD_INTERFACE:${config}>")
    target_include_directories(${target} PUBLIC "$<BUILD_INTERFACE:${out}/include>")
    target_compile_features(${target} PUBLIC cxx_std_17)
    # Only the generated sources see Python.h; users' translation units do not.
    target_link_libraries(${target} PUBLIC pyhpp::runtime PRIVATE Python3::Python)
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON
                          PYHPP_HEADERS "${headers}" PYHPP_OUTPUT_DIR "${out}")
endfunction()
