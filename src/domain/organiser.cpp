#include "convene/domain/organiser.hpp"

#include <array>
#include <utility>

#include "convene/text/strings.hpp"

namespace convene::domain {

namespace {

constexpr std::array<std::pair<OrganiserRole, std::string_view>, 5> k_role_words{{
    {OrganiserRole::lead, "lead"},
    {OrganiserRole::co_lead, "co-lead"},
    {OrganiserRole::partner, "partner"},
    {OrganiserRole::host, "host"},
    {OrganiserRole::sponsor, "sponsor"},
}};

// The seed reads "the Mayors Mechanism is co-led by A and B, in partnership with C": the
// organisers without a role (the page's own "Organisers:") first, then who leads, then those
// who support it.
constexpr std::array<OrganiserRole, 6> k_page_order{
    OrganiserRole::none, OrganiserRole::lead,    OrganiserRole::co_lead,
    OrganiserRole::host, OrganiserRole::partner, OrganiserRole::sponsor,
};

}  // namespace

std::string_view to_string(OrganiserRole role) {
    for (const auto& [known, word] : k_role_words) {
        if (known == role) return word;
    }
    return "";
}

std::optional<OrganiserRole> parse_organiser_role(std::string_view word) {
    const auto lowered = text::lowercase_ascii(text::trim(word));
    for (const auto& [role, known] : k_role_words) {
        if (known == lowered) return role;
    }
    return std::nullopt;
}

Organiser parse_organiser(std::string_view text) {
    const auto colon = text.find(':');
    if (colon != std::string_view::npos) {
        if (auto role = parse_organiser_role(text.substr(0, colon))) {
            return {std::string(text::trim(text.substr(colon + 1))), *role};
        }
    }
    return {std::string(text::trim(text)), OrganiserRole::none};
}

std::string organiser_text(const Organiser& organiser) {
    if (organiser.role == OrganiserRole::none) return organiser.name;
    return std::string(to_string(organiser.role)) + ": " + organiser.name;
}

std::vector<OrganiserGroup> organiser_groups(const std::vector<Organiser>& organisers) {
    std::vector<OrganiserGroup> groups;
    for (const auto role : k_page_order) {
        OrganiserGroup group{role, {}};
        for (const auto& organiser : organisers) {
            if (organiser.role == role) group.names.push_back(organiser.name);
        }
        if (!group.names.empty()) groups.push_back(std::move(group));
    }
    return groups;
}

}  // namespace convene::domain
