#pragma once
// The event fields shared by create-event and update-event: flags in, changes to an Event out.
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "convene/app/event_edits.hpp"
#include "convene/cli/context.hpp"
#include "convene/domain/event.hpp"
#include "convene/store/event_store.hpp"

namespace convene::cli {

// Every field is optional so that update-event changes only what was given.
struct EventFlags {
    std::optional<std::string> title;
    std::optional<std::string> slug;
    std::optional<std::string> description;
    std::optional<std::string> start;
    std::optional<std::string> end;
    std::optional<std::string> duration;
    std::optional<std::string> date;
    std::optional<std::string> end_date;
    std::optional<std::string> timezone;
    std::optional<std::string> venue;
    std::optional<std::string> online_url;
    std::optional<std::string> registration_url;
    std::optional<std::string> languages;
    std::optional<std::string> locale;
    std::vector<std::string> organisers;
    std::optional<std::string> parent;
    std::optional<std::int64_t> capacity;
    bool no_capacity{false};
    bool no_parent{false};
    std::optional<std::string> status;
};

void add_event_flags(CLI::App& command, EventFlags& flags, bool for_update);

// Applies the given flags to `event`, reading wall times in --tz (else the event's zone, else
// the configured default). Throws UsageError for bad values, NotFoundError for a bad --parent.
void apply_event_flags(const EventFlags& flags, domain::Event& event, Context& context,
                       store::EventStore& events);

// The edit the create and update workflows run on the event, inside their transaction.
app::EventEdit edit_by(const EventFlags& flags, Context& context);

}  // namespace convene::cli
