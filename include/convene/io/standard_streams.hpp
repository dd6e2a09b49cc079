#pragma once
// A process started with standard input, output or error closed (`convene … >&-`) would hand
// that number to the next file or socket it opens: the slug meant for standard output would
// then be written into the database connection. Each closed one is taken by /dev/null opened
// the other way round, so that reading or writing it still fails (EBADF) as on a closed one.
namespace convene::io {

void hold_closed_standard_streams() noexcept;

}  // namespace convene::io
