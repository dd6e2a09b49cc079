#include "convene/store/ledger_store.hpp"

#include "convene/domain/email.hpp"
#include "damaged_row.hpp"
#include "dialect.hpp"
#include "row_writer.hpp"
#include "sql.hpp"
#include "stored_time.hpp"

namespace convene::store {

namespace {

// The last message per person, with the highest SEQUENCE they ever got: ids grow with time,
// so the greatest id is the latest message.
constexpr std::string_view k_last = R"sql(
SELECT m.email_key, m.method, m.sequence, m.event_sequence, m.sent_at,
       (SELECT max(sequence) FROM sent_message AS h
        WHERE h.event_id = m.event_id AND h.email_key = m.email_key),
       m.schedule
FROM sent_message AS m
WHERE m.event_id = ?1
  AND m.id = (SELECT max(id) FROM sent_message AS l
              WHERE l.event_id = m.event_id AND l.email_key = m.email_key)
)sql";

domain::LastSent read_last(sql::Statement& row) {
    constexpr std::string_view table = "sent_message";
    return read_checked(table, [&] {
        domain::LastSent last;
        const auto method = domain::parse_itip(row.string(1));
        if (!method) throw_damaged(table, "its method is neither REQUEST nor CANCEL");
        last.method = *method;
        last.sequence = integer_column(table, row, 2);
        last.event_sequence = integer_column(table, row, 3);
        last.sent_at = instant_column(table, row, 4);
        last.highest_sequence = integer_column(table, row, 5);
        last.schedule = row.string(6);
        return last;
    });
}

constexpr std::string_view outcome_name(AttemptOutcome outcome) {
    switch (outcome) {
        case AttemptOutcome::pending: return "pending";
        case AttemptOutcome::temporary: return "temporary";
        case AttemptOutcome::permanent: return "permanent";
    }
    return "pending";
}

DeliveryAttempt read_attempt(sql::Statement& row) {
    constexpr std::string_view table = "delivery_attempt";
    return read_checked(table, [&] {
        DeliveryAttempt attempt;
        const auto method = domain::parse_itip(row.string(1));
        if (!method) throw_damaged(table, "its method is neither REQUEST nor CANCEL");
        attempt.method = *method;
        attempt.sequence = integer_column(table, row, 2);
        const auto outcome = row.string(3);
        if (outcome == "pending") {
            attempt.outcome = AttemptOutcome::pending;
        } else if (outcome == "temporary") {
            attempt.outcome = AttemptOutcome::temporary;
        } else if (outcome == "permanent") {
            attempt.outcome = AttemptOutcome::permanent;
        } else {
            throw_damaged(table, "its outcome is not pending, temporary or permanent");
        }
        attempt.reason = row.string(4);
        attempt.attempted_at = instant_column(table, row, 5);
        return attempt;
    });
}

domain::Reply read_reply(sql::Statement& row) {
    constexpr std::string_view table = "attendee_reply";
    return read_checked(table, [&] {
        return domain::Reply{.partstat = row.string(1),
                             .sequence = integer_column(table, row, 2),
                             .replied_at = instant_column(table, row, 3),
                             .received_at = instant_column(table, row, 4)};
    });
}

}  // namespace

struct LedgerStore::Statements {
    explicit Statements(sql::Connection& db)
        : insert(db, std::string(R"sql(
            INSERT INTO sent_message (event_id, event_uid, recipient, email_key, method, sequence,
                                      event_sequence, message_id, sent_at, schedule)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql") +
                         std::string(dialect::returning_id(db.engine()))),
          last_one(db, std::string(k_last) + " AND m.email_key = ?2"),
          last_all(db, std::string(k_last)),
          count(db, "SELECT count(*) FROM sent_message WHERE event_id = ?"),
          upsert_reply(db, R"sql(
            INSERT INTO attendee_reply (event_id, email_key, partstat, sequence, replied_at,
                                        received_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (event_id, email_key) DO UPDATE SET
                partstat = excluded.partstat, sequence = excluded.sequence,
                replied_at = excluded.replied_at, received_at = excluded.received_at)sql"),
          reply_one(db, R"sql(
            SELECT email_key, partstat, sequence, replied_at, received_at FROM attendee_reply
            WHERE event_id = ? AND email_key = ?)sql"),
          reply_all(db, R"sql(
            SELECT email_key, partstat, sequence, replied_at, received_at FROM attendee_reply
            WHERE event_id = ?)sql"),
          upsert_attempt(db, R"sql(
            INSERT INTO delivery_attempt (event_id, email_key, method, sequence, outcome, reason,
                                          attempted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (event_id, email_key) DO UPDATE SET
                method = excluded.method, sequence = excluded.sequence,
                outcome = excluded.outcome, reason = excluded.reason,
                attempted_at = excluded.attempted_at)sql"),
          delete_attempt(db, "DELETE FROM delivery_attempt WHERE event_id = ? AND email_key = ?"),
          attempt_all(db, R"sql(
            SELECT email_key, method, sequence, outcome, reason, attempted_at
            FROM delivery_attempt WHERE event_id = ?)sql") {}

    sql::Lazy insert, last_one, last_all, count, upsert_reply, reply_one, reply_all, upsert_attempt,
        delete_attempt, attempt_all;
};

LedgerStore::LedgerStore(Database& db)
    : m_db(db), m_statements(std::make_unique<Statements>(db.connection())) {}

LedgerStore::~LedgerStore() = default;

void LedgerStore::insert(const SentMessage& message) {
    sql::Use insert(*m_statements->insert);
    int i = 1;
    insert->bind(i++, message.event_id);
    insert->bind(i++, message.event_uid);
    insert->bind(i++, message.recipient);
    insert->bind(i++, domain::email_key(message.recipient));
    insert->bind(i++, domain::to_string(message.method));
    insert->bind(i++, message.sequence);
    insert->bind(i++, message.event_sequence);
    insert->bind(i++, message.message_id);
    insert->bind(i++, seconds(message.sent_at));
    insert->bind(i++, message.schedule);
    insert->insert();
}

void LedgerStore::record(const SentMessage& message) {
    auto transaction = m_db.write_transaction();
    insert(message);
    sql::Use done(*m_statements->delete_attempt);
    done->bind(1, message.event_id);
    done->bind(2, domain::email_key(message.recipient));
    done->run();
    transaction.commit();
}

void LedgerStore::begin_attempt(std::int64_t event_id, std::string_view email,
                                const DeliveryAttempt& attempt) {
    record_refusal(event_id, email,
                   {.method = attempt.method,
                    .sequence = attempt.sequence,
                    .outcome = AttemptOutcome::pending,
                    .reason = {},
                    .attempted_at = attempt.attempted_at});
}

void LedgerStore::record_refusal(std::int64_t event_id, std::string_view email,
                                 const DeliveryAttempt& attempt) {
    auto transaction = m_db.write_transaction();
    sql::Use upsert(*m_statements->upsert_attempt);
    int i = 1;
    upsert->bind(i++, event_id);
    upsert->bind(i++, domain::email_key(email));
    upsert->bind(i++, domain::to_string(attempt.method));
    upsert->bind(i++, attempt.sequence);
    upsert->bind(i++, outcome_name(attempt.outcome));
    upsert->bind(i++, attempt.reason);
    upsert->bind(i++, seconds(attempt.attempted_at));
    upsert->run();
    transaction.commit();
}

void LedgerStore::forget_attempt(std::int64_t event_id, std::string_view email) {
    auto transaction = m_db.write_transaction();
    sql::Use forget(*m_statements->delete_attempt);
    forget->bind(1, event_id);
    forget->bind(2, domain::email_key(email));
    forget->run();
    transaction.commit();
}

std::unordered_map<std::string, DeliveryAttempt> LedgerStore::attempts(std::int64_t event_id) {
    std::unordered_map<std::string, DeliveryAttempt> all;
    sql::Use query(*m_statements->attempt_all);
    query->bind(1, event_id);
    while (query->step()) all.emplace(query->string(0), read_attempt(*query));
    return all;
}

namespace {

constexpr std::string_view k_messages = R"sql(
SELECT event_id, event_uid, recipient, method, sequence, event_sequence, message_id, sent_at,
       schedule, id
FROM sent_message)sql";

SentMessage read_message(sql::Statement& row) {
    constexpr std::string_view table = "sent_message";
    return read_checked(table, [&] {
        const auto method = domain::parse_itip(row.string(3));
        if (!method) throw_damaged(table, "its method is neither REQUEST nor CANCEL");
        return SentMessage{.event_id = row.integer(0),
                           .event_uid = row.string(1),
                           .recipient = row.string(2),
                           .method = *method,
                           .sequence = integer_column(table, row, 4),
                           .event_sequence = integer_column(table, row, 5),
                           .message_id = row.string(6),
                           .sent_at = instant_column(table, row, 7),
                           .schedule = row.string(8)};
    });
}

}  // namespace

void LedgerStore::for_each_message(std::int64_t event_id,
                                   const std::function<void(const SentMessage&)>& visit) {
    auto query = m_db.connection().prepare_streamed(std::string(k_messages) +
                                                    " WHERE event_id = ? ORDER BY id");
    query->bind(1, event_id);
    while (query->step()) visit(read_message(*query));
}

void LedgerStore::for_each_reply(
    std::int64_t event_id,
    const std::function<void(const std::string& email_key, const domain::Reply&)>& visit) {
    auto query = m_db.connection().prepare_streamed(R"sql(
        SELECT email_key, partstat, sequence, replied_at, received_at FROM attendee_reply
        WHERE event_id = ? ORDER BY email_key)sql");
    query->bind(1, event_id);
    std::string key;
    while (query->step()) {
        key = query->text(0);
        visit(key, read_reply(*query));
    }
}

LedgerStore::Copy::Copy(LedgerStore& store, std::int64_t event_id)
    : m_event_id(event_id),
      m_messages(store.m_db.connection().row_writer(
          "sent_message",
          "event_id, event_uid, recipient, email_key, method, sequence, event_sequence, "
          "message_id, sent_at, schedule",
          10)),
      m_replies(store.m_db.connection().row_writer(
          "attendee_reply", "event_id, email_key, partstat, sequence, replied_at, received_at",
          6)) {}

LedgerStore::Copy::~Copy() = default;

void LedgerStore::Copy::message(const SentMessage& message) {
    auto& row = *m_messages;
    row.value(m_event_id);
    row.value(message.event_uid);
    row.value(message.recipient);
    row.value(domain::email_key(message.recipient));
    row.value(domain::to_string(message.method));
    row.value(message.sequence);
    row.value(message.event_sequence);
    row.value(message.message_id);
    row.value(seconds(message.sent_at));
    row.value(message.schedule);
    row.end_row();
}

void LedgerStore::Copy::reply(std::string_view email, const domain::Reply& reply) {
    auto& row = *m_replies;
    row.value(m_event_id);
    row.value(domain::email_key(email));
    row.value(reply.partstat);
    row.value(reply.sequence);
    row.value(seconds(reply.replied_at));
    row.value(seconds(reply.received_at));
    row.end_row();
}

void LedgerStore::Copy::finish() {
    m_messages->finish();
    m_replies->finish();
}

void LedgerStore::check_rows(const DamagedRows& damaged) {
    auto messages = m_db.connection().prepare_streamed(std::string(k_messages) + " ORDER BY id");
    read_each_checked(*messages, 9, read_message, damaged);
    auto replies = m_db.connection().prepare_streamed(R"sql(
        SELECT email_key, partstat, sequence, replied_at, received_at, event_id
        FROM attendee_reply ORDER BY event_id, email_key)sql");
    read_each_checked(*replies, 5, read_reply, damaged);
}

std::optional<domain::LastSent> LedgerStore::last_sent(std::int64_t event_id,
                                                       std::string_view email) {
    sql::Use query(*m_statements->last_one);
    query->bind(1, event_id);
    query->bind(2, domain::email_key(email));
    if (!query->step()) return std::nullopt;
    return read_last(*query);
}

std::unordered_map<std::string, domain::LastSent> LedgerStore::last_sent_all(
    std::int64_t event_id) {
    std::unordered_map<std::string, domain::LastSent> all;
    sql::Use query(*m_statements->last_all);
    query->bind(1, event_id);
    while (query->step()) {
        all.emplace(query->string(0), read_last(*query));
    }
    return all;
}

std::int64_t LedgerStore::count(std::int64_t event_id) {
    sql::Use query(*m_statements->count);
    query->bind(1, event_id);
    query->step();
    return query->integer(0);
}

void LedgerStore::record_reply(std::int64_t event_id, std::string_view email,
                               const domain::Reply& reply) {
    auto transaction = m_db.write_transaction();
    save_reply(event_id, email, reply);
    transaction.commit();
}

void LedgerStore::save_reply(std::int64_t event_id, std::string_view email,
                             const domain::Reply& reply) {
    sql::Use upsert(*m_statements->upsert_reply);
    upsert->bind(1, event_id);
    upsert->bind(2, domain::email_key(email));
    upsert->bind(3, reply.partstat);
    upsert->bind(4, reply.sequence);
    upsert->bind(5, seconds(reply.replied_at));
    upsert->bind(6, seconds(reply.received_at));
    upsert->run();
}

std::optional<domain::Reply> LedgerStore::reply(std::int64_t event_id, std::string_view email) {
    sql::Use query(*m_statements->reply_one);
    query->bind(1, event_id);
    query->bind(2, domain::email_key(email));
    if (!query->step()) return std::nullopt;
    return read_reply(*query);
}

std::unordered_map<std::string, domain::Reply> LedgerStore::replies(std::int64_t event_id) {
    std::unordered_map<std::string, domain::Reply> all;
    sql::Use query(*m_statements->reply_all);
    query->bind(1, event_id);
    while (query->step()) {
        all.emplace(query->string(0), read_reply(*query));
    }
    return all;
}

}  // namespace convene::store
