#pragma once
// A process started with standard input, output or error closed (`convene … >&-`, `<&-`)
// would hand that number to the next file or socket it opens: the slug meant for standard
// output would be written into the database connection, the database read as "-". Each
// closed one is taken by /dev/null opened the other way round, so that reading or writing it
// still fails (EBADF) as on a closed one, and is remembered.
namespace convene::io {

// Called first thing, before anything opens a file.
void hold_closed_standard_streams() noexcept;
// Whether descriptor `fd` (0, 1 or 2) was closed when the process started.
bool standard_stream_was_closed(int fd) noexcept;

}  // namespace convene::io
