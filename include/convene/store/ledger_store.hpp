#pragma once
// The ledger: every iTIP message the mail system accepted (recipient, event UID, METHOD,
// SEQUENCE, Message-ID, time), and the replies people sent back. `send` reads it to know what
// each person is still owed; the file exports read it so that their SEQUENCE numbers agree.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "convene/domain/invitation_ledger.hpp"
#include "convene/store/database.hpp"

namespace convene::store {

namespace sql {
class RowWriter;
}  // namespace sql

struct SentMessage {
    std::int64_t event_id{0};
    std::string event_uid;
    std::string recipient;  // the address as sent
    domain::Itip method{domain::Itip::request};
    std::int64_t sequence{0};
    std::int64_t event_sequence{0};
    std::string message_id;
    domain::Instant sent_at{};
    std::string schedule;  // domain::schedule_of the event as sent
};

// What became of the last message `send` tried to hand to a person, while the ledger does not
// hold it as sent: handed over but not yet recorded (a run stopped in between: it may have
// gone out), or refused by the mail system, for now or for good.
enum class AttemptOutcome { pending, temporary, permanent };

struct DeliveryAttempt {
    domain::Itip method{domain::Itip::request};
    std::int64_t sequence{0};
    AttemptOutcome outcome{AttemptOutcome::pending};
    std::string reason;  // the mail system's words for a refusal
    domain::Instant attempted_at{};
};

class LedgerStore {
public:
    explicit LedgerStore(Database& db);
    ~LedgerStore();
    LedgerStore(const LedgerStore&) = delete;
    LedgerStore& operator=(const LedgerStore&) = delete;

    // Records one accepted message in its own transaction, committed before this returns: a
    // run killed right after has it on disk. Its delivery attempt goes in the same
    // transaction.
    void record(const SentMessage& message);

    // Marks the message as being handed over, in its own transaction, before the mail system
    // gets it: if the run stops before record() (killed, or the ledger cannot be written),
    // the mark stays and says the message may have gone out.
    void begin_attempt(std::int64_t event_id, std::string_view email,
                       const DeliveryAttempt& attempt);
    // Replaces the person's attempt by the mail system's refusal (own transaction).
    void record_refusal(std::int64_t event_id, std::string_view email,
                        const DeliveryAttempt& attempt);
    // Removes the person's attempt (own transaction): the mail system could not be reached,
    // nothing went out.
    void forget_attempt(std::int64_t event_id, std::string_view email);
    // The attempts of everyone the event's ledger knows, by domain::email_key.
    std::unordered_map<std::string, DeliveryAttempt> attempts(std::int64_t event_id);
    // Every message of the event, oldest first, one at a time (`db copy`).
    void for_each_message(std::int64_t event_id,
                          const std::function<void(const SentMessage&)>& visit);

    // What the ledger holds for one person (email compared case-insensitively).
    std::optional<domain::LastSent> last_sent(std::int64_t event_id, std::string_view email);
    // The same for everyone the event's ledger knows, by domain::email_key.
    std::unordered_map<std::string, domain::LastSent> last_sent_all(std::int64_t event_id);
    // How many messages the ledger holds for the event.
    std::int64_t count(std::int64_t event_id);

    // Replaces the person's reply (one transaction).
    void record_reply(std::int64_t event_id, std::string_view email, const domain::Reply& reply);
    // The same inside the caller's transaction.
    void save_reply(std::int64_t event_id, std::string_view email, const domain::Reply& reply);
    std::optional<domain::Reply> reply(std::int64_t event_id, std::string_view email);
    std::unordered_map<std::string, domain::Reply> replies(std::int64_t event_id);
    // The same one at a time, with each person's email key (`db copy`).
    void for_each_reply(
        std::int64_t event_id,
        const std::function<void(const std::string& email_key, const domain::Reply&)>& visit);

    // Messages and replies written into a new event of this database inside the caller's
    // write transaction (`db copy`), the engine's fastest way: COPY on PostgreSQL, where a
    // statement each took 19 s for 100,000 messages and 50,000 replies. finish() writes the
    // rest.
    class Copy {
    public:
        // Into event `event_id`, whatever event the messages and replies were of.
        Copy(LedgerStore& store, std::int64_t event_id);
        ~Copy();
        Copy(const Copy&) = delete;
        Copy& operator=(const Copy&) = delete;
        void message(const SentMessage& message);
        void reply(std::string_view email, const domain::Reply& reply);
        void finish();

    private:
        std::int64_t m_event_id;
        std::unique_ptr<sql::RowWriter> m_messages;
        std::unique_ptr<sql::RowWriter> m_replies;
    };

    // Reads every message and reply, telling `damaged` of each that does not read back
    // (`db check`): a message by its id, a reply by its event's.
    void check_rows(const DamagedRows& damaged);

private:
    struct Statements;
    void insert(const SentMessage& message);  // in the caller's transaction

    Database& m_db;
    std::unique_ptr<Statements> m_statements;
};

}  // namespace convene::store
