#pragma once
// Handing finished e-mail messages to a mail system: a sendmail-compatible command
// (`sendmail -t -i`, msmtp, …) or an SMTP server through libcurl. Neither writes SMTP by hand.
#include <memory>
#include <string>
#include <string_view>

namespace convene::io {

// What the mail system said about one message.
struct Delivery {
    bool accepted{false};
    std::string detail;  // why not, as the mail system put it
};

class MailTransport {
public:
    virtual ~MailTransport() = default;
    // Hands over one message (CRLF line ends) for `to`. A refusal of this message is a
    // Delivery with accepted == false; a failure that would refuse every message (the command
    // cannot run, the server cannot be reached, the login is refused) is a DeliveryError.
    virtual Delivery deliver(std::string_view from, std::string_view to,
                             std::string_view message) = 0;
};

// Runs `command` (words separated by blanks, no shell) once per message with the message on
// its standard input; exit status 0 means accepted. The command must read the recipients from
// the message's headers (sendmail's -t). Its standard output goes to our standard error.
std::unique_ptr<MailTransport> make_sendmail(const std::string& command);

struct SmtpSettings {
    std::string url;  // smtp://host:587 (STARTTLS) or smtps://host:465
    std::string user;
    std::string password;
    // PEM certificates of the authorities to trust instead of the system's (a server whose
    // certificate an organisation's own authority signed); empty: the system's.
    std::string ca_file;
};

// One connection, reused for every message. With a user and password the session must be
// encrypted (STARTTLS is required on smtp://); without, STARTTLS is used when offered.
std::unique_ptr<MailTransport> make_smtp(const SmtpSettings& settings);

}  // namespace convene::io
