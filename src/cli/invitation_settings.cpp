#include "invitation_settings.hpp"

#include <fmt/format.h>

#include "convene/domain/time.hpp"
#include "convene/error.hpp"
#include "flag_problems.hpp"

namespace convene::cli {

namespace {

ics::Person configured_organiser(Context& context) {
    const auto& config = context.config();
    if (config.organiser_name.empty() || config.organiser_email.empty()) {
        throw UsageError(
            "invitations need organiser.name and organiser.email in the configuration",
            config.source.empty()
                ? std::string("convene init --organiser-name NAME --organiser-email EMAIL "
                              "writes convene.toml with them")
                : fmt::format("set name and email under [organiser] in {}",
                              config.source.string()));
    }
    return {config.organiser_name, config.organiser_email};
}

}  // namespace

app::MessageSettings message_settings(Context& context, bool eml) {
    return {.organiser = configured_organiser(context),
            .stamp = context.now(),
            .eml = eml,
            .other_zones = context.config().output_timezones,
            .templates_dir = context.config().templates_dir};
}

std::vector<std::chrono::seconds> durations(const std::vector<std::string>& texts,
                                            std::string_view flag,
                                            const std::vector<std::chrono::seconds>& otherwise) {
    if (texts.empty()) return otherwise;
    std::vector<std::chrono::seconds> out;
    for (const auto& text : texts) out.push_back(flag_value(domain::parse_duration(text), flag));
    return out;
}

std::vector<std::chrono::seconds> reminders(Context& context,
                                            const std::vector<std::string>& texts) {
    return durations(texts, "reminder", context.config().default_reminders);
}

}  // namespace convene::cli
