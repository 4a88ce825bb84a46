# Warnings for our own targets (house style §9); -Werror only when SSKDT_WERROR is ON (CI).
# Exclusions: -Wsign-conversion (size_t/int noise at every container index);
# -Wmissing-field-initializers (it fires on C++20 designated initializers that rely on member
# defaults, which is how value types are built here); -Wrestrict (GCC 12 false positives inside
# libstdc++'s std::string at -O2/-O3, GCC bug 105329/105651).
function(sim_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wno-missing-field-initializers $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
  if(SSKDT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# sim_module(<folder> SOURCES ... DEPS ...): one folder = one static library `sim::<folder>`.
function(sim_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(sim_${name} STATIC ${M_SOURCES})
  add_library(sim::${name} ALIAS sim_${name})
  target_include_directories(sim_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(sim_${name} PUBLIC ${M_DEPS} PRIVATE ${M_PRIVATE_DEPS})
  sim_warnings(sim_${name})
endfunction()

# sim_unit_test(<name> SOURCES ... DEPS ...): one GoogleTest executable per module, label `unit`.
function(sim_unit_test name)
  cmake_parse_arguments(T "" "LABELS" "SOURCES;DEPS" ${ARGN})
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    SSKDT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  sim_warnings(${name})
  gtest_discover_tests(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT 120
    DISCOVERY_TIMEOUT 60)
endfunction()

# sim_embed(<out_cpp> <namespace> <symbol> <file>): compiles a data file into the binary as
# `std::string_view <namespace>::<symbol>()`. Regenerated when the file changes.
function(sim_embed out_cpp ns symbol file)
  set(script "${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake")
  add_custom_command(OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out_cpp} -DNS=${ns} -DSYMBOL=${symbol}
            -P ${script}
    DEPENDS ${file} ${script}
    COMMENT "Embedding ${file}")
endfunction()
