#pragma once
// A registration's custom fields as stored in its row (schema version 12): a JSON array of
// [key, value] pairs in the organiser's order, NULL when there are none.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace convene::store {

using FieldPairs = std::vector<std::pair<std::string, std::string>>;

// The column's text for `fields`; nothing (NULL) when there are none.
std::optional<std::string> encode_field_pairs(const FieldPairs& fields);

// The same text, written over `json` so that a bulk writer reuses one buffer for every row;
// false (and `json` empty) when there are no fields.
bool encode_field_pairs(const FieldPairs& fields, std::string& json);

// `text` as a JSON string, quoted, as the column writes its keys and values.
void append_json_string(std::string& out, std::string_view text);

// Replaces `fields` by the pairs `json` holds. Anything but an array of [string, string]
// pairs, or a key given twice, is a DamagedRowError of table `registration` saying what.
void decode_field_pairs(std::string_view json, FieldPairs& fields);

}  // namespace convene::store
