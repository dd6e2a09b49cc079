#pragma once
// The start of every command that changes one event: the write lock first, then the event, so
// that what is read is what the change is based on. Nothing is written until
// transaction.commit(); leaving the scope without it rolls everything back.
//
//   app::EventWrite write(db, "imrf-briefing");
//   write.event.status = domain::EventStatus::cancelled;
//   write.events.update(write.event);
//   write.transaction.commit();
#include <string_view>

#include "convene/domain/event.hpp"
#include "convene/store/database.hpp"
#include "convene/store/event_store.hpp"

namespace convene::app {

struct EventWrite {
    // NotFoundError when no event has that slug or id.
    EventWrite(store::Database& db, std::string_view event_name)
        : transaction(db.write_transaction()), events(db), event(events.get(event_name)) {}

    store::Transaction transaction;
    store::EventStore events;
    domain::Event event;
};

}  // namespace convene::app
