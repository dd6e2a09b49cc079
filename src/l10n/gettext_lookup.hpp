#pragma once
// One catalog look-up in a given language, leaving the process as it found it.
#include <string>

namespace convene::l10n {

// The translation of `message` in the "convene" text domain for `language` ("fr"), or
// `message` when the catalog lacks it or no catalog is found (see catalog_dir()).
std::string gettext_lookup(const std::string& language, const char* message);

}  // namespace convene::l10n
