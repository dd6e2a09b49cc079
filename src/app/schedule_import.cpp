#include "convene/app/schedule_import.hpp"

#include <algorithm>
#include <unordered_map>

#include <date/date.h>
#include <fmt/format.h>

#include "convene/domain/agenda.hpp"
#include "convene/domain/uid.hpp"
#include "convene/error.hpp"
#include "convene/store/agenda_store.hpp"
#include "convene/store/event_store.hpp"
#include "convene/text/strings.hpp"

namespace convene::app {

namespace {

// The agenda item that holds a session's speakers: its key, so that items an organiser added
// by hand beside it are left alone.
constexpr std::string_view k_talk_item_key = "schedule-talk";

std::string iso_utc(domain::Instant instant) { return date::format("%FT%TZ", instant); }

// The zone the programme is in: the schedule's, when convene knows it.
std::string zone_of(const io::ScheduleFile& schedule, const domain::EventDefaults& defaults) {
    if (!schedule.timezone.empty() && domain::find_zone(schedule.timezone)) {
        return schedule.timezone;
    }
    return defaults.zone;
}

// The conference: its title, days and declared tracks. The days are written only on an all-day
// parent: an organiser who gave the parent times of day keeps them.
domain::EventInput parent_input(const io::ScheduleFile& schedule, const domain::Event& current,
                                const std::string& zone) {
    domain::EventInput input;
    input.title = schedule.title;
    if (current.id == 0 || current.all_day) {
        input.times.date = date::format("%F", schedule.start);
        input.times.end_date = date::format("%F", schedule.end);
        if (current.id == 0) input.times.timezone = zone;
    }
    std::vector<std::string> tracks;
    for (const auto& track : schedule.tracks) {
        if (track.name.empty()) continue;
        tracks.push_back(track.colour.empty() ? track.name : track.name + "=" + track.colour);
    }
    input.tracks = std::move(tracks);
    return input;
}

domain::EventInput session_input(const io::ScheduleTalk& talk, const std::string& zone) {
    domain::EventInput input;
    input.title = talk.title;
    auto description = talk.abstract;
    if (!talk.description.empty() && talk.description != talk.abstract) {
        description += (description.empty() ? "" : "\n\n") + talk.description;
    }
    input.description = std::move(description);
    input.times.start = iso_utc(talk.start);
    input.times.duration =
        fmt::format("{}m", std::chrono::duration_cast<std::chrono::minutes>(talk.duration).count());
    input.times.timezone = zone;
    input.room = talk.room;
    input.track = talk.track;
    input.type = talk.type;
    if (!talk.language.empty()) input.languages = std::vector<std::string>{talk.language};
    return input;
}

// The item that lists the talk's speakers, timed as the talk.
domain::AgendaItem talk_item(const io::ScheduleTalk& talk, std::int64_t session_id) {
    domain::AgendaItem item;
    item.event_id = session_id;
    item.key = std::string(k_talk_item_key);
    item.title = talk.title;
    item.kind = "talk";
    item.start = talk.start;
    item.duration = talk.duration;
    for (const auto& name : talk.persons) item.speakers.push_back({name, {}, {}});
    return item;
}

// Writes the talk's item; true when it changed.
bool write_talk_item(store::AgendaStore& agenda, const io::ScheduleTalk& talk,
                     std::int64_t session_id) {
    auto wanted = talk_item(talk, session_id);
    const auto current = agenda.find_by_key(session_id, k_talk_item_key);
    if (!current) {
        wanted.position = 0;  // append
        agenda.insert(wanted);
        return true;
    }
    wanted.id = current->id;
    wanted.position = current->position;
    wanted.uid = current->uid;
    wanted.schedule_id = current->schedule_id;
    wanted.description = current->description;
    wanted.points = current->points;
    // Roles and organisations an organiser added to a speaker of the same name are kept.
    for (auto& speaker : wanted.speakers) {
        const auto same = std::find_if(current->speakers.begin(), current->speakers.end(),
                                       [&](const auto& s) { return s.name == speaker.name; });
        if (same != current->speakers.end()) speaker = *same;
    }
    if (wanted == *current) return false;
    agenda.update(wanted);
    return true;
}

[[noreturn]] void refuse(const ScheduleImport& import, const io::ScheduleTalk& talk,
                         const domain::Problem& problem) {
    const auto where =
        talk.line > 0 ? fmt::format("{}:{}", import.file_name, talk.line) : import.file_name;
    const auto field = problem.field.empty() ? std::string() : problem.field + ": ";
    // Named by its guid: the line finds it, and a title may be long.
    throw BadInputError(fmt::format("{}: talk {}: {}{}", where, talk.guid, field, problem.message),
                        problem.hint);
}

class Importer {
public:
    Importer(store::Database& db, const ScheduleImport& import,
             const domain::EventDefaults& defaults, domain::Instant now)
        : m_events(db), m_agenda(db), m_import(import), m_defaults(defaults), m_now(now) {}

    void write_parent(const io::ScheduleFile& schedule, ScheduleImported& result) {
        const auto slug =
            m_import.parent
                ? *m_import.parent
                : domain::slugify(schedule.acronym.empty() ? schedule.title : schedule.acronym);
        auto existing = m_events.find(slug);
        auto parent = existing ? *existing : domain::Event{};
        m_zone = existing ? existing->timezone : zone_of(schedule, m_defaults);
        auto input = parent_input(schedule, parent, m_zone);
        if (!existing) input.slug = slug;
        if (auto problem = domain::apply(input, parent, m_defaults)) {
            throw BadInputError(fmt::format("{}: the conference: {}{}", m_import.file_name,
                                            problem->field.empty() ? "" : problem->field + ": ",
                                            problem->message),
                                problem->hint);
        }
        if (!existing) {
            parent.uid = domain::generate_uid();
            parent.created_at = parent.updated_at = m_now;
            parent.id = m_events.insert(parent);
            result.parent_created = true;
        } else if (parent != *existing) {
            if (domain::changes_calendar(*existing, parent)) ++parent.sequence;
            parent.updated_at = m_now;
            m_events.update(parent);
            result.parent_changed = true;
        }
        result.parent = parent;
    }

    ImportedTalk write_talk(const io::ScheduleTalk& talk, const domain::Event& parent,
                            std::unordered_map<std::string, domain::Event>& sessions) {
        const auto uid = text::lowercase_ascii(talk.guid);
        const auto found = sessions.find(uid);
        if (found == sessions.end()) return add(talk, parent, uid);
        auto before = found->second;
        sessions.erase(found);
        auto session = before;
        if (auto problem = domain::apply(session_input(talk, m_zone), session, m_defaults)) {
            refuse(m_import, talk, *problem);
        }
        // A talk the committee had removed and brought back.
        const bool revived = session.status == domain::EventStatus::cancelled;
        if (revived) session.status = domain::EventStatus::confirmed;
        const bool item_changed = write_talk_item(m_agenda, talk, session.id);
        if (session == before && !item_changed) return {TalkOutcome::unchanged, session};
        if (domain::changes_calendar(before, session)) ++session.sequence;
        session.updated_at = m_now;
        m_events.update(session);
        return {TalkOutcome::updated, session};
    }

    // Cancels a session whose talk the schedule no longer has.
    ImportedTalk cancel(domain::Event session) {
        if (session.status == domain::EventStatus::cancelled) {
            return {TalkOutcome::unchanged, session};
        }
        session.status = domain::EventStatus::cancelled;
        ++session.sequence;
        session.updated_at = m_now;
        m_events.update(session);
        return {TalkOutcome::cancelled, session};
    }

private:
    ImportedTalk add(const io::ScheduleTalk& talk, const domain::Event& parent,
                     const std::string& uid) {
        if (const auto other = m_events.find_by_uid(uid)) {
            refuse(m_import, talk,
                   {"guid",
                    fmt::format("'{}' has it as UID, outside '{}'", other->slug, parent.slug),
                    "import the schedule into that event's programme (--parent)"});
        }
        domain::Event session;
        if (auto problem = domain::apply(session_input(talk, m_zone), session, m_defaults)) {
            refuse(m_import, talk, *problem);
        }
        const auto slug = session.slug.empty() ? parent.slug + "-talk" : session.slug;
        session.slug = m_events.free_slug(slug);
        session.uid = uid;
        session.schedule_id = talk.id > 0 && !m_events.schedule_id_taken(talk.id) ? talk.id : 0;
        session.parent_id = parent.id;
        session.locale = parent.locale;
        session.created_at = session.updated_at = m_now;
        session.id = m_events.insert(session);
        write_talk_item(m_agenda, talk, session.id);
        return {TalkOutcome::added, session};
    }

    store::EventStore m_events;
    store::AgendaStore m_agenda;
    const ScheduleImport& m_import;
    const domain::EventDefaults& m_defaults;
    domain::Instant m_now;
    std::string m_zone;
};

}  // namespace

int ScheduleImported::count(TalkOutcome outcome) const {
    return static_cast<int>(std::count_if(
        talks.begin(), talks.end(), [&](const auto& talk) { return talk.outcome == outcome; }));
}

ScheduleImported import_schedule(store::Database& db, const io::ScheduleFile& schedule,
                                 const ScheduleImport& import,
                                 const domain::EventDefaults& defaults, domain::Instant now) {
    auto transaction = db.write_transaction();
    Importer importer(db, import, defaults, now);
    ScheduleImported result;
    importer.write_parent(schedule, result);

    // The sessions an earlier import made, by guid; those added by hand are not the file's.
    std::unordered_map<std::string, domain::Event> sessions;
    for (auto& session : store::EventStore(db).children(result.parent.id)) {
        if (domain::is_uuid(session.uid)) sessions.emplace(session.uid, std::move(session));
    }
    auto talks = schedule.talks;
    std::stable_sort(talks.begin(), talks.end(),
                     [](const auto& a, const auto& b) { return a.start < b.start; });
    for (const auto& talk : talks) {
        result.talks.push_back(importer.write_talk(talk, result.parent, sessions));
    }
    std::vector<domain::Event> removed;
    for (auto& [uid, session] : sessions) removed.push_back(std::move(session));
    std::sort(removed.begin(), removed.end(), [](const auto& a, const auto& b) {
        return a.start < b.start || (a.start == b.start && a.id < b.id);
    });
    for (auto& session : removed) {
        auto cancelled = importer.cancel(std::move(session));
        if (cancelled.outcome == TalkOutcome::cancelled) result.talks.push_back(cancelled);
    }
    if (!import.dry_run) transaction.commit();
    return result;
}

}  // namespace convene::app
