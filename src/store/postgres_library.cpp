#include "postgres_library.hpp"

#include <dlfcn.h>

#include <fmt/format.h>

#include "convene/error.hpp"

#ifndef CONVENE_LIBPQ
#define CONVENE_LIBPQ "libpq.so.5"
#endif

namespace convene::store {

namespace {

PostgresLibrary load() {
    void* library = ::dlopen(CONVENE_LIBPQ, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char* why = ::dlerror();
        throw StorageError(fmt::format("cannot load libpq: {}", why ? why : CONVENE_LIBPQ),
                           "install libpq5 (Debian) to use a PostgreSQL database");
    }
    const auto symbol = [&]<typename F>(F*& function, const char* name) {
        function = reinterpret_cast<F*>(::dlsym(library, name));
        if (!function) throw StorageError(fmt::format("libpq has no {}", name));
    };
    PostgresLibrary pq{};
    symbol(pq.PQclear, "PQclear");
    symbol(pq.PQcmdTuples, "PQcmdTuples");
    symbol(pq.PQconnectdbParams, "PQconnectdbParams");
    symbol(pq.PQconnectStartParams, "PQconnectStartParams");
    symbol(pq.PQconnectPoll, "PQconnectPoll");
    symbol(pq.PQsocket, "PQsocket");
    symbol(pq.PQsetNoticeReceiver, "PQsetNoticeReceiver");
    symbol(pq.PQsendQuery, "PQsendQuery");
    symbol(pq.PQsendQueryParams, "PQsendQueryParams");
    symbol(pq.PQsendPrepare, "PQsendPrepare");
    symbol(pq.PQsendQueryPrepared, "PQsendQueryPrepared");
    symbol(pq.PQconsumeInput, "PQconsumeInput");
    symbol(pq.PQisBusy, "PQisBusy");
    symbol(pq.PQflush, "PQflush");
    symbol(pq.PQerrorMessage, "PQerrorMessage");
    symbol(pq.PQexec, "PQexec");
    symbol(pq.PQexecParams, "PQexecParams");
    symbol(pq.PQexecPrepared, "PQexecPrepared");
    symbol(pq.PQfinish, "PQfinish");
    symbol(pq.PQfname, "PQfname");
    symbol(pq.PQftype, "PQftype");
    symbol(pq.PQgetisnull, "PQgetisnull");
    symbol(pq.PQgetlength, "PQgetlength");
    symbol(pq.PQgetvalue, "PQgetvalue");
    symbol(pq.PQntuples, "PQntuples");
    symbol(pq.PQnfields, "PQnfields");
    symbol(pq.PQescapeLiteral, "PQescapeLiteral");
    symbol(pq.PQfreemem, "PQfreemem");
    symbol(pq.PQsetSingleRowMode, "PQsetSingleRowMode");
    symbol(pq.PQprepare, "PQprepare");
    symbol(pq.PQresultErrorField, "PQresultErrorField");
    symbol(pq.PQresultStatus, "PQresultStatus");
    symbol(pq.PQsetNoticeProcessor, "PQsetNoticeProcessor");
    symbol(pq.PQstatus, "PQstatus");
    symbol(pq.PQtransactionStatus, "PQtransactionStatus");
    symbol(pq.PQputCopyData, "PQputCopyData");
    symbol(pq.PQputCopyEnd, "PQputCopyEnd");
    symbol(pq.PQgetResult, "PQgetResult");
    symbol(pq.PQgetCopyData, "PQgetCopyData");
    symbol(pq.PQsendDescribePrepared, "PQsendDescribePrepared");
    return pq;
}

}  // namespace

const PostgresLibrary& postgres_library() {
    static const PostgresLibrary pq = load();
    return pq;
}

}  // namespace convene::store
