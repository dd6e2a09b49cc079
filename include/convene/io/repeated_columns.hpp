#pragma once
// Real exports name columns twice: pretix writes the attendee's "Company", "Address", "ZIP
// code", … and then the invoice address's under the same names. Each keeps its place and gets
// a name of its own, so that both can be read, mapped or kept as custom fields.
#include <string>
#include <vector>

namespace convene::io {

// `header` with the second "Company" named "Company (2)", the third "Company (3)" (the next
// number the header does not use already). The first keeps its name; empty names stay empty.
std::vector<std::string> name_repeated_columns(std::vector<std::string> header);

}  // namespace convene::io
