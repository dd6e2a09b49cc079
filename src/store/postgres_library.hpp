#pragma once
// libpq, loaded when convene first connects to PostgreSQL rather than when it starts. Linked
// normally, it and what it needs (TLS, Kerberos, LDAP) were mapped and relocated by every
// run of every command, for the teams that use PostgreSQL.
#include <libpq-fe.h>

namespace convene::store {

// The libpq functions convene calls, named and typed as libpq has them.
struct PostgresLibrary {
    decltype(&::PQclear) PQclear;
    decltype(&::PQcmdTuples) PQcmdTuples;
    decltype(&::PQconnectdbParams) PQconnectdbParams;
    decltype(&::PQconnectStartParams) PQconnectStartParams;
    decltype(&::PQconnectPoll) PQconnectPoll;
    decltype(&::PQsocket) PQsocket;
    decltype(&::PQsetNoticeReceiver) PQsetNoticeReceiver;
    decltype(&::PQsendQuery) PQsendQuery;
    decltype(&::PQsendQueryParams) PQsendQueryParams;
    decltype(&::PQsendPrepare) PQsendPrepare;
    decltype(&::PQsendQueryPrepared) PQsendQueryPrepared;
    decltype(&::PQconsumeInput) PQconsumeInput;
    decltype(&::PQisBusy) PQisBusy;
    decltype(&::PQflush) PQflush;
    decltype(&::PQerrorMessage) PQerrorMessage;
    decltype(&::PQexec) PQexec;
    decltype(&::PQexecParams) PQexecParams;
    decltype(&::PQexecPrepared) PQexecPrepared;
    decltype(&::PQfinish) PQfinish;
    decltype(&::PQfname) PQfname;
    decltype(&::PQftype) PQftype;
    decltype(&::PQgetisnull) PQgetisnull;
    decltype(&::PQgetlength) PQgetlength;
    decltype(&::PQgetvalue) PQgetvalue;
    decltype(&::PQntuples) PQntuples;
    decltype(&::PQnfields) PQnfields;
    decltype(&::PQescapeLiteral) PQescapeLiteral;
    decltype(&::PQfreemem) PQfreemem;
    decltype(&::PQsetSingleRowMode) PQsetSingleRowMode;
    decltype(&::PQprepare) PQprepare;
    decltype(&::PQresultErrorField) PQresultErrorField;
    decltype(&::PQresultStatus) PQresultStatus;
    decltype(&::PQsetNoticeProcessor) PQsetNoticeProcessor;
    decltype(&::PQstatus) PQstatus;
    decltype(&::PQtransactionStatus) PQtransactionStatus;
    decltype(&::PQputCopyData) PQputCopyData;
    decltype(&::PQputCopyEnd) PQputCopyEnd;
    decltype(&::PQgetResult) PQgetResult;
    decltype(&::PQgetCopyData) PQgetCopyData;
    decltype(&::PQsendDescribePrepared) PQsendDescribePrepared;
};

// Loads libpq on first use (it stays loaded); a StorageError when it cannot be found.
const PostgresLibrary& postgres_library();

}  // namespace convene::store
