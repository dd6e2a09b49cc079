// convene db init: create convene's schema in the database (on PostgreSQL, an empty database
// its administrator made; a SQLite file is created), or bring an older one up to date.
#include <memory>

#include <fmt/format.h>

#include "command_setup.hpp"

namespace convene::cli {

Runner add_db_init(CLI::App& /*command*/) {
    return [](Context& context) {
        auto& database = context.database(Context::IfMissing::initialise);
        context.note(fmt::format("{} holds convene's schema {}", database.name(),
                                 database.schema_version()));
    };
}

}  // namespace convene::cli
