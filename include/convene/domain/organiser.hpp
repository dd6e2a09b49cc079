#pragma once
// An organisation that organises an event, with the part it plays (SPEC §1: "co-led by … in
// partnership with …"). Plain data: no printing.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace convene::domain {

// none: an organiser without a stated part, shown under the plain "Organisers" label.
enum class OrganiserRole { none, lead, co_lead, partner, host, sponsor };

// "" for none, else the word flags and event files write ("co-lead").
std::string_view to_string(OrganiserRole role);
// The role a word names (case ignored, "co-lead"), or nothing when it names none.
std::optional<OrganiserRole> parse_organiser_role(std::string_view word);

struct Organiser {
    std::string name;
    OrganiserRole role{OrganiserRole::none};
    bool operator==(const Organiser&) const = default;
};

// An organiser as flags and event files write one: "partner: IOM" (a role word, a colon, the
// name) or just the name. Text before a colon that is not a role word belongs to the name, so
// "UN-Habitat: Urban Lab" stays whole.
Organiser parse_organiser(std::string_view text);
// The inverse: "partner: IOM", or the bare name when it has no role.
std::string organiser_text(const Organiser& organiser);

// Organisers that share a role, in the order they were given.
struct OrganiserGroup {
    OrganiserRole role{OrganiserRole::none};
    std::vector<std::string> names;
};
// The groups pages show, in the order pages show them: those without a role, lead, co-lead,
// host, partner, sponsor. Empty groups are left out.
std::vector<OrganiserGroup> organiser_groups(const std::vector<Organiser>& organisers);

}  // namespace convene::domain
