#pragma once
// The one list of output formats: rows of `list` (SPEC §6), the event page of `show` and the
// schedules of `export-schedule`.
// Flags (--format), the config (output.format) and the commands all check names here.
#include <string>
#include <string_view>
#include <vector>

#include "convene/domain/problem.hpp"

namespace convene::output {

// Rows: what `list` writes.
enum class Format { table, tsv, csv, json, jsonl };
// The event page: what `show` writes.
enum class PageFormat { text, markdown, html, json };
// A conference schedule: what `export-schedule` writes.
enum class ScheduleFormat { frab_xml, frab_json };

// A problem (field "format") naming the accepted formats for any other name.
domain::Checked<Format> parse_format(std::string_view name);
domain::Checked<PageFormat> parse_page_format(std::string_view name);
domain::Checked<ScheduleFormat> parse_schedule_format(std::string_view name);
std::string_view to_string(Format format);
// The names each accepts, in the order help and completion list them.
std::vector<std::string> format_names();
std::vector<std::string> page_format_names();
std::vector<std::string> schedule_format_names();
// SPEC §6: people at a terminal get a table, pipes get TSV.
Format default_format(bool stdout_is_terminal);

}  // namespace convene::output
