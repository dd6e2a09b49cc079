#include "convene/domain/agenda_input.hpp"

#include "convene/domain/time.hpp"

namespace convene::domain {

std::optional<Problem> apply(const AgendaItemInput& input, AgendaItem& item, const Event& event) {
    if (input.title) item.title = *input.title;
    if (input.description) item.description = *input.description;
    if (input.kind) {
        auto kind = parse_agenda_kind(*input.kind);
        if (!kind) return kind.problem();
        item.kind = *std::move(kind);
    }
    if (input.no_start) item.start.reset();
    if (input.start) {
        auto start = parse_item_start(*input.start, event);
        if (!start) return start.problem();
        item.start = *start;
    }
    if (input.no_duration) item.duration.reset();
    if (input.duration) {
        auto duration = parse_duration(*input.duration);
        if (!duration) return Problem(duration.problem()).about("duration");
        item.duration = *duration;
    }
    if (input.no_speakers) item.speakers.clear();
    if (input.speakers) item.speakers = *input.speakers;
    if (input.no_points) item.points.clear();
    if (input.points) item.points = *input.points;
    return validate(item);
}

}  // namespace convene::domain
