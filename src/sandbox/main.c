/* main.c (tenantry-sandbox): options, the listening socket, signals, start and stop. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/intl.h"
#include "core/util.h"
#include "install_dirs.h"
#include "sandbox/events.h"
#include "sandbox/mattr.h"
#include "sandbox/opts.h"
#include "sandbox/server.h"
#include "sandbox/store.h"
#include "sandbox/system.h"
#include "sandbox/systore.h"
#include "sandbox/tokens.h"

#define EXIT_USAGE 2

static void usage(FILE *out)
{
    fprintf(out, _("Usage: %s [OPTION]...\n"), util_progname());
    /* TRANSLATORS: help text: keep the option names; each line must fit in 80 columns (options'
     * descriptions start at a fixed column: keep it). */
    fputs(_("Serve the MATTR VII Management API and the /system/tenants API from seeded\n"
            "in-memory data, for demos and tests.\n"
            "\n"
            "Listening:\n"
            "  -p, --port PORT          TCP port, 0 picks a free one (default 8642)\n"
            "      --bind ADDRESS       address to listen on (default 127.0.0.1)\n"
            "  -v, --verbose            one line per request on standard error\n"
            "      --tls-cert FILE      serve HTTPS with this PEM certificate (chain)...\n"
            "      --tls-key FILE       ...and this PEM private key (both, or neither)\n"
            "Credentials:\n"
            "      --client-id ID       client ID accepted by /oauth/token (default\n"
            "                           tenantry-demo)\n"
            "      --client-secret S    client secret accepted (default:\n"
            "                           $TENANTRY_SANDBOX_CLIENT_SECRET or\n"
            "                           tenantry-demo-secret; argv is visible to other users)\n"
            "      --audience A         audience accepted\n"
            "                           (default https://manage.sandbox.tenantry.test)\n"
            "      --token-ttl SECONDS  token lifetime, 1..31536000 (default 86400)\n"
            "      --expires-in SECONDS the expires_in a token response claims (default: the\n"
            "                           lifetime); more than --token-ttl mimics a server that\n"
            "                           revokes tokens early; 0, negative or above ten years\n"
            "                           (to 10^13) a malformed answer\n"
            "      --plain-401          answer bad bearer tokens with the bare text\n"
            "                           Unauthorized\n"
            "      --token-suffix TEXT  append TEXT to every access_token issued (a hostile\n"
            "                           token server: CR LF, a space, or 17 KiB of it)\n"
            "Data:\n"
            "      --environments N     environments, 1..1000 (default 3)\n"
            "      --tenants N          seeded tenants, 0..10000000 (default 50)\n"
            "      --clients N          seeded clients per tenant, 0..1000 (default 3)\n"
            "      --seed S             seed for data and faults (default 1)\n"
            "      --hostile-names      give the first tenants and clients hostile names\n"
            "      --hostile-errors     put terminal escape sequences (clipboard write, clear\n"
            "                           screen) in every string of error bodies and cursors\n"
            "      --nul-names          answer every name with a \\u0000 escape inside\n"
            "      --token-bytes N      answer access tokens N characters long, 1..16777216\n"
            "                           (what the client then sends is not accepted)\n"
            "      --header-bytes N     add an X-Padding header of N bytes, 1..4194304, to\n"
            "                           every answer\n"
            "      --events FILE        append analytic events to FILE, one per line\n"
            "System tenants (/system/tenants, Basic auth):\n"
            "      --system-user USER   user name accepted (default system)\n"
            "      --system-password P  password accepted (default:\n"
            "                           $TENANTRY_SANDBOX_SYSTEM_PASSWORD or system; argv is\n"
            "                           visible to other users)\n"
            "      --system-tenants N   seeded system tenants, 0..10000000 (default 25)\n"
            "      --page-params P,L    names of the page and limit parameters (default\n"
            "                           page,limit); other names cap limit at 100\n"
            "      --post-status CODE   status of a successful create, 200 (as documented) or\n"
            "                           201 (as real servers answer); default 200\n"
            "      --conflict-status C  status of a stale version, 409 or 500 (as older\n"
            "                           servers answer); default 409\n"
            "      --write-only-data    leave data out of every answer\n"
            "      --plain-json         answer plain JSON (arrays for lists) whatever Accept\n"
            "                           asks, as servers without JSON-LD do\n"
            "      --ignore-filters     ignore list filters (id, uuid, createdAt, updatedAt),\n"
            "                           as API Platform ignores filters it does not know\n"
            "Fault injection (on /v1/ and /system/ routes; rates from 0 to 1):\n"
            "      --latency-ms MS      delay every answer by MS milliseconds\n"
            "      --fail-rate P        answer this fraction with --fail-status, undone\n"
            "      --fail-first N       answer the first N requests (of --fault-methods)\n"
            "                           with --fail-status, undone, then as --fail-rate says\n"
            "      --fail-status CODE   status of injected failures, 300..599 (default 503);\n"
            "                           a 3xx redirects (Location) with no body\n"
            "      --retry-after S      Retry-After of injected 429 and 503 (default 1)\n"
            "      --drop-rate P        close the connection halfway through the answer\n"
            "      --malformed-rate P   send a truncated JSON body\n"
            "      --fault-methods M,.. inject faults only into requests of these methods\n"
            "                           (e.g. POST: a create answered 2xx with a body that\n"
            "                           cannot be read); default: every method\n"
            "      --page-cap N         serve at most N rows a page, whatever the limit asked\n"
            "                           (1..1000), as servers that cap pages do\n"
            "      --repeat-cursor-rate P  make this fraction of list pages lead back to\n"
            "                           themselves (nextCursor, hydra:next)\n"
            "\n"
            "  -h, --help               show this help and exit\n"
            "  -V, --version            show the version and exit\n"
            "\n"
            "The first line printed is \"listening on http://ADDRESS:PORT\" (https:// with\n"
            "--tls-cert).\n"),
          out);
    util_help_bugs(out);
}

static TN_NORETURN TN_PRINTF(1, 2) void bad_usage(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", util_progname());
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    fprintf(stderr, _("Try '%s --help' for more information.\n"), util_progname());
    exit(EXIT_USAGE);
}

static long long number_arg(const char *name, const char *arg, long long min, long long max)
{
    long long v;
    if (!str_to_llong(arg, min, max, &v)) {
        /* TRANSLATORS: the program's name, the option's name (e.g. --clients), kept as is, the
         * smallest and the largest value allowed, then the value given. */
        fprintf(stderr, _("%s: %s must be a whole number from %lld to %lld, not '%s'\n"),
                util_progname(), name, min, max, arg);
        fprintf(stderr, _("Try '%s --help' for more information.\n"), util_progname());
        exit(EXIT_USAGE);
    }
    return v;
}

static double rate_arg(const char *name, const char *arg)
{
    double v;
    if (!str_to_rate(arg, &v)) {
        /* TRANSLATORS: the program's name, the option's name (e.g. --fail-rate), kept as is,
         * then the value given. */
        fprintf(stderr, _("%s: %s must be a fraction from 0 to 1, not '%s'\n"), util_progname(),
                name, arg);
        fprintf(stderr, _("Try '%s --help' for more information.\n"), util_progname());
        exit(EXIT_USAGE);
    }
    return v;
}

enum {
    OPT_BIND = 256, OPT_CLIENT_ID, OPT_CLIENT_SECRET, OPT_AUDIENCE, OPT_TOKEN_TTL, OPT_EXPIRES_IN, OPT_PLAIN_401,
    OPT_TOKEN_SUFFIX,
    OPT_ENVIRONMENTS, OPT_TENANTS, OPT_CLIENTS, OPT_SEED, OPT_HOSTILE, OPT_EVENTS, OPT_LATENCY,
    OPT_FAIL_RATE, OPT_FAIL_FIRST, OPT_FAIL_STATUS, OPT_RETRY_AFTER, OPT_DROP_RATE, OPT_MALFORMED_RATE,
    OPT_SYSTEM_USER, OPT_SYSTEM_PASSWORD, OPT_SYSTEM_TENANTS, OPT_PAGE_PARAMS, OPT_POST_STATUS,
    OPT_CONFLICT_STATUS, OPT_WRITE_ONLY_DATA, OPT_PLAIN_JSON, OPT_TLS_CERT, OPT_TLS_KEY,
    OPT_FAULT_METHODS, OPT_HOSTILE_ERRORS, OPT_NUL_NAMES, OPT_TOKEN_BYTES, OPT_HEADER_BYTES,
    OPT_IGNORE_FILTERS, OPT_PAGE_CAP, OPT_REPEAT_CURSOR_RATE,
};

static const struct option long_options[] = {
    {"port", required_argument, NULL, 'p'},
    {"bind", required_argument, NULL, OPT_BIND},
    {"verbose", no_argument, NULL, 'v'},
    {"tls-cert", required_argument, NULL, OPT_TLS_CERT},
    {"tls-key", required_argument, NULL, OPT_TLS_KEY},
    {"client-id", required_argument, NULL, OPT_CLIENT_ID},
    {"client-secret", required_argument, NULL, OPT_CLIENT_SECRET},
    {"audience", required_argument, NULL, OPT_AUDIENCE},
    {"token-ttl", required_argument, NULL, OPT_TOKEN_TTL},
    {"expires-in", required_argument, NULL, OPT_EXPIRES_IN},
    {"plain-401", no_argument, NULL, OPT_PLAIN_401},
    {"token-suffix", required_argument, NULL, OPT_TOKEN_SUFFIX},
    {"environments", required_argument, NULL, OPT_ENVIRONMENTS},
    {"tenants", required_argument, NULL, OPT_TENANTS},
    {"clients", required_argument, NULL, OPT_CLIENTS},
    {"seed", required_argument, NULL, OPT_SEED},
    {"hostile-names", no_argument, NULL, OPT_HOSTILE},
    {"hostile-errors", no_argument, NULL, OPT_HOSTILE_ERRORS},
    {"nul-names", no_argument, NULL, OPT_NUL_NAMES},
    {"token-bytes", required_argument, NULL, OPT_TOKEN_BYTES},
    {"header-bytes", required_argument, NULL, OPT_HEADER_BYTES},
    {"events", required_argument, NULL, OPT_EVENTS},
    {"latency-ms", required_argument, NULL, OPT_LATENCY},
    {"fail-rate", required_argument, NULL, OPT_FAIL_RATE},
    {"fail-first", required_argument, NULL, OPT_FAIL_FIRST},
    {"fail-status", required_argument, NULL, OPT_FAIL_STATUS},
    {"retry-after", required_argument, NULL, OPT_RETRY_AFTER},
    {"drop-rate", required_argument, NULL, OPT_DROP_RATE},
    {"malformed-rate", required_argument, NULL, OPT_MALFORMED_RATE},
    {"system-user", required_argument, NULL, OPT_SYSTEM_USER},
    {"system-password", required_argument, NULL, OPT_SYSTEM_PASSWORD},
    {"system-tenants", required_argument, NULL, OPT_SYSTEM_TENANTS},
    {"page-params", required_argument, NULL, OPT_PAGE_PARAMS},
    {"post-status", required_argument, NULL, OPT_POST_STATUS},
    {"conflict-status", required_argument, NULL, OPT_CONFLICT_STATUS},
    {"write-only-data", no_argument, NULL, OPT_WRITE_ONLY_DATA},
    {"plain-json", no_argument, NULL, OPT_PLAIN_JSON},
    {"fault-methods", required_argument, NULL, OPT_FAULT_METHODS},
    {"ignore-filters", no_argument, NULL, OPT_IGNORE_FILTERS},
    {"page-cap", required_argument, NULL, OPT_PAGE_CAP},
    {"repeat-cursor-rate", required_argument, NULL, OPT_REPEAT_CURSOR_RATE},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* The whole PEM file named by option (at most 1 MiB), NUL-terminated; exits on failure. */
static char *pem_arg(const char *option, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        /* TRANSLATORS: the option's name (e.g. --tls-cert), kept as is, the file's path, then
         * the system's error message. */
        bad_usage(_("%s: cannot read %s: %s"), option, path, strerror(errno));
    struct strbuf sb = SB_INIT;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && sb.len <= (1u << 20))
        sb_add(&sb, buf, n);
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed || sb.len > (1u << 20) || !strstr(sb_str(&sb), "-----BEGIN "))
        /* TRANSLATORS: the option's name (e.g. --tls-cert), kept as is, then the file's path;
         * keep "-----BEGIN ..." as it is. */
        bad_usage(_("%s: %s is not a PEM file (a text file with \"-----BEGIN ...\" lines)"),
                  option, path);
    return sb_steal(&sb);
}

/* A status that must be one of two, e.g. --post-status 200 or 201. */
static int status_arg(const char *name, const char *arg, int a, int b)
{
    long long v;
    if (!str_to_llong(arg, 100, 599, &v) || (v != a && v != b))
        /* TRANSLATORS: the option's name (e.g. --post-status), kept as is, the two HTTP statuses
         * allowed, then the value given. */
        bad_usage(_("%s must be %d or %d, not '%s'"), name, a, b, arg);
    return (int)v;
}

/* Is name usable as a paging parameter: 1 to SANDBOX_PARAM_MAX of [A-Za-z0-9_.-], and no
 * filter's name? */
static bool param_name_ok(const char *name, size_t n)
{
    static const char *const filters[] = {"id", "uuid", "createdAt", "updatedAt"};
    if (n == 0 || n > SANDBOX_PARAM_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-'))
            return false;
    }
    for (size_t i = 0; i < ARRAY_SIZE(filters); i++)
        if (strlen(filters[i]) == n && strncmp(name, filters[i], n) == 0)
            return false;
    return true;
}

/* --page-params PAGE,LIMIT: two different parameter names. */
static void page_params_arg(const char *arg, struct sandbox_opts *o)
{
    const char *comma = strchr(arg, ',');
    size_t n = comma ? (size_t)(comma - arg) : 0;
    if (!comma || !param_name_ok(arg, n) || !param_name_ok(comma + 1, strlen(comma + 1)) ||
        (strlen(comma + 1) == n && strncmp(arg, comma + 1, n) == 0))
        /* TRANSLATORS: the largest length of a name, then the value given; keep --page-params
         * and _page,_limit as they are. */
        bad_usage(_("--page-params needs two different names of letters, digits, '_', '.' and "
                    "'-' (at most %d each, not a filter's), as _page,_limit, not '%s'"),
                  SANDBOX_PARAM_MAX, arg);
    snprintf(o->page_param, sizeof(o->page_param), "%.*s", (int)n, arg);
    snprintf(o->limit_param, sizeof(o->limit_param), "%s", comma + 1);
}

static void parse_options(int argc, char **argv, struct sandbox_opts *o)
{
    *o = (struct sandbox_opts){
        .bind = "127.0.0.1",
        .port = 8642,
        .client_id = "tenantry-demo",
        .client_secret = getenv("TENANTRY_SANDBOX_CLIENT_SECRET"),
        .audience = "https://manage.sandbox.tenantry.test",
        .token_ttl = 86400,
        .environments = 3,
        .tenants = 50,
        .clients = 3,
        .seed = 1,
        .fail_status = 503,
        .retry_after = 1,
        .system_user = "system",
        .system_password = getenv("TENANTRY_SANDBOX_SYSTEM_PASSWORD"),
        .system_tenants = 25,
        .page_param = "page",
        .limit_param = "limit",
        .post_status = 200,
        .conflict_status = 409,
    };
    int c;
    /* getopt says what is wrong with an option itself (precisely, and translated). */
    while ((c = getopt_long(argc, argv, "p:vhV", long_options, NULL)) != -1) {
        switch (c) {
        case 'p': o->port = (unsigned)number_arg("--port", optarg, 0, 65535); break;
        case OPT_BIND: o->bind = optarg; break;
        case 'v': o->verbose = true; break;
        case OPT_TLS_CERT: free(o->tls_cert); o->tls_cert = pem_arg("--tls-cert", optarg); break;
        case OPT_TLS_KEY: util_free_secret(o->tls_key); o->tls_key = pem_arg("--tls-key", optarg); break;
        case OPT_CLIENT_ID: o->client_id = optarg; break;
        case OPT_CLIENT_SECRET: o->client_secret = optarg; break;
        case OPT_AUDIENCE: o->audience = optarg; break;
        case OPT_TOKEN_TTL: o->token_ttl = (long)number_arg("--token-ttl", optarg, 1, 31536000); break;
        case OPT_EXPIRES_IN:
            /* also what no client should accept: 0, negative, more than ten years */
            o->expires_in = number_arg("--expires-in", optarg, -1000000, 10000000000000LL);
            o->expires_in_set = true;
            break;
        case OPT_PLAIN_401: o->plain_401 = true; break;
        case OPT_TOKEN_SUFFIX: o->token_suffix = optarg; break;
        case OPT_ENVIRONMENTS:
            o->environments = (unsigned)number_arg("--environments", optarg, 1, 1000);
            break;
        case OPT_TENANTS:
            o->tenants = (unsigned long)number_arg("--tenants", optarg, 0, 10000000);
            break;
        case OPT_CLIENTS: o->clients = (unsigned)number_arg("--clients", optarg, 0, 1000); break;
        case OPT_SEED: o->seed = (uint64_t)number_arg("--seed", optarg, 0, INT64_MAX); break;
        case OPT_HOSTILE: o->hostile_names = true; break;
        case OPT_HOSTILE_ERRORS: o->hostile_errors = true; break;
        case OPT_NUL_NAMES: o->nul_names = true; break;
        case OPT_TOKEN_BYTES:
            o->token_bytes = (long)number_arg("--token-bytes", optarg, 1, 16777216);
            break;
        case OPT_HEADER_BYTES:
            o->header_bytes = (long)number_arg("--header-bytes", optarg, 1, 4194304);
            break;
        case OPT_EVENTS: o->events_path = optarg; break;
        case OPT_LATENCY: o->latency_ms = (long)number_arg("--latency-ms", optarg, 0, 600000); break;
        case OPT_FAIL_RATE: o->fail_rate = rate_arg("--fail-rate", optarg); break;
        case OPT_FAIL_FIRST:
            o->fail_first = (long)number_arg("--fail-first", optarg, 0, 1000000000);
            break;
        case OPT_FAIL_STATUS:
            o->fail_status = (int)number_arg("--fail-status", optarg, 300, 599);
            break;
        case OPT_RETRY_AFTER:
            o->retry_after = (long)number_arg("--retry-after", optarg, 0, 86400);
            break;
        case OPT_DROP_RATE: o->drop_rate = rate_arg("--drop-rate", optarg); break;
        case OPT_MALFORMED_RATE: o->malformed_rate = rate_arg("--malformed-rate", optarg); break;
        case OPT_SYSTEM_USER: o->system_user = optarg; break;
        case OPT_SYSTEM_PASSWORD: o->system_password = optarg; break;
        case OPT_SYSTEM_TENANTS:
            o->system_tenants = (unsigned long)number_arg("--system-tenants", optarg, 0, 10000000);
            break;
        case OPT_PAGE_PARAMS: page_params_arg(optarg, o); break;
        case OPT_POST_STATUS: o->post_status = status_arg("--post-status", optarg, 200, 201); break;
        case OPT_CONFLICT_STATUS:
            o->conflict_status = status_arg("--conflict-status", optarg, 409, 500);
            break;
        case OPT_WRITE_ONLY_DATA: o->write_only_data = true; break;
        case OPT_PLAIN_JSON: o->plain_json = true; break;
        case OPT_FAULT_METHODS: o->fault_methods = optarg; break;
        case OPT_IGNORE_FILTERS: o->ignore_filters = true; break;
        case OPT_PAGE_CAP: o->page_cap = (unsigned)number_arg("--page-cap", optarg, 1, 1000); break;
        case OPT_REPEAT_CURSOR_RATE:
            o->repeat_cursor_rate = rate_arg("--repeat-cursor-rate", optarg);
            break;
        case 'h': usage(stdout); exit(0);
        case 'V': util_version(stdout, "tenantry-sandbox"); exit(0);
        default:
            fprintf(stderr, _("Try '%s --help' for more information.\n"), util_progname());
            exit(EXIT_USAGE);
        }
    }
    if (optind < argc)
        bad_usage(_("unexpected argument '%s'"), argv[optind]);
    if (!o->tls_cert != !o->tls_key)
        bad_usage("%s", _("--tls-cert and --tls-key go together: give both, or neither"));
    if (!o->client_secret)
        o->client_secret = "tenantry-demo-secret";
    if (!*o->client_id || !*o->client_secret || !*o->audience)
        bad_usage("%s", _("--client-id, --client-secret and --audience must not be empty"));
    if (!o->system_password)
        o->system_password = "system";
    if (!*o->system_user || !*o->system_password)
        bad_usage("%s", _("--system-user and --system-password must not be empty"));
    if (strchr(o->system_user, ':'))
        bad_usage("%s", _("--system-user must not contain ':' (Basic auth cannot send it)"));
}

/* Bind and listen on address:port; the port actually bound goes to *port. -1 on failure. */
static int listen_on(const char *address, unsigned *port, bool *ipv6)
{
    struct addrinfo hints = {.ai_flags = AI_NUMERICHOST | AI_PASSIVE,
                             .ai_socktype = SOCK_STREAM};
    struct addrinfo *ai;
    char service[8];
    snprintf(service, sizeof(service), "%u", *port);
    int rc = getaddrinfo(address, service, &hints, &ai);
    if (rc != 0)
        /* TRANSLATORS: %s is the address given; keep --bind as it is. */
        bad_usage(_("--bind needs a numeric IPv4 or IPv6 address, not '%s'"), address);
    int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd >= 0)
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(fd, 128) < 0) {
        /* TRANSLATORS: the program's name, the address, the port number, then the system's error
         * message. */
        fprintf(stderr, _("%s: cannot listen on %s port %u: %s\n"), util_progname(), address,
                *port, strerror(errno));
        if (fd >= 0)
            close(fd);
        freeaddrinfo(ai);
        return -1;
    }
    *ipv6 = ai->ai_family == AF_INET6;
    freeaddrinfo(ai);
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    getsockname(fd, (struct sockaddr *)&ss, &len);
    *port = ntohs(*ipv6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                        : ((struct sockaddr_in *)&ss)->sin_port);
    return fd;
}

/* Free the PEM texts (the key wiped). */
static void free_tls(struct sandbox_opts *o)
{
    free(o->tls_cert);
    util_free_secret(o->tls_key);
}

int main(int argc, char **argv)
{
    struct sandbox_opts opts;
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C"); /* rates are read with a decimal point */
#if defined ENABLE_NLS && ENABLE_NLS
    bindtextdomain(PACKAGE, LOCALEDIR);
    textdomain(PACKAGE);
#endif
    util_set_progname(argv[0]);
    parse_options(argc, argv, &opts);

    /* Signals are taken by sigwait() below; the server's threads inherit the mask. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (!events_open(opts.events_path)) {
        /* TRANSLATORS: the program's name, the events file's path, then the system's error
         * message. */
        fprintf(stderr, _("%s: cannot open the events file %s: %s\n"), util_progname(),
                opts.events_path, strerror(errno));
        free_tls(&opts);
        return 1;
    }
    bool ipv6 = false;
    unsigned port = opts.port;
    int fd = listen_on(opts.bind, &port, &ipv6);
    if (fd < 0) {
        events_close();
        free_tls(&opts);
        return 1;
    }

    struct store_seed seed = {opts.environments, opts.tenants, opts.clients, opts.seed,
                              opts.hostile_names};
    struct store *store = store_new(&seed);
    struct systore_seed sys_seed = {opts.system_tenants, opts.seed};
    struct systore *systore = systore_new(&sys_seed);
    tokens_init(opts.token_ttl, opts.audience);
    mattr_init(&opts, store);
    system_init(&opts, systore);
    /* Both APIs on one port: the Management API's routes, then /system's. */
    size_t nroutes = mattr_nroutes + system_nroutes;
    struct route *routes = xcalloc(nroutes, sizeof(*routes));
    memcpy(routes, mattr_routes, mattr_nroutes * sizeof(*routes));
    memcpy(routes + mattr_nroutes, system_routes, system_nroutes * sizeof(*routes));
    struct server *srv = server_start(&opts, routes, nroutes, fd, ipv6);
    if (!srv) {
        fprintf(stderr, _("%s: cannot start the HTTP server\n"), util_progname());
        close(fd);
        free(routes);
        store_free(store);
        systore_free(systore);
        tokens_free();
        events_close();
        free_tls(&opts);
        return 1;
    }
    const char *scheme = opts.tls_cert ? "https" : "http";
    printf(ipv6 ? "listening on %s://[%s]:%u\n" : "listening on %s://%s:%u\n", scheme, opts.bind,
           port);
    fflush(stdout);

    int sig;
    while (sigwait(&stop, &sig) != 0)
        ;
    server_stop(srv); /* closes the listening socket too */
    free(routes);
    store_free(store);
    systore_free(systore);
    tokens_free();
    events_close();
    free_tls(&opts);
    return 0;
}
