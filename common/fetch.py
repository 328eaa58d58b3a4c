"""The one fetcher for everything remote: did:web documents, status lists, trust lists and
credentials named by URL.

Safety rules, all enforced here so that no caller can forget one:

* **host allowlist**: a host must match ``allow_hosts`` (exact name, ``*.suffix`` or ``*`` for
  any public host); hosts can be added at run time (:meth:`Fetcher.allow_host`, e.g. the hosts
  of institutions named by a verified trust list);
* **https only**, unless ``allow_http``;
* **no private, loopback, link-local, multicast, reserved or unspecified addresses** unless
  ``allow_private``: the host name is resolved once, every address is checked, and the
  connection goes to the checked address (the URL is rewritten to the IP, with ``Host`` and
  TLS SNI / certificate checks on the original name), so a DNS answer that changes between
  check and connect (DNS rebinding) cannot reach an internal address. Residual risk: an
  injected ``transport`` (tests, in-process apps) receives the original URL;
* **at most** ``max_redirects`` redirects, each target checked again by the same rules;
* **timeouts** (connect, read, write, pool), an overall **deadline per fetch** (``deadline``:
  a server dripping one byte at a time cannot hold a request past it) and, with
  :func:`fetch_deadline`, **one deadline for every fetch of a verification**; **size caps**
  counted while streaming;
* **no cookies**: none are kept or sent;
* **TLS certificates verified** against the public roots, plus the PEM ``ca_file``
  (``DALEL_FETCH_CA_FILE``) when an operator's own CA must be trusted too;
* a **TTL cache** honouring ``Cache-Control: max-age`` / ``no-store`` and revalidating with
  ``ETag`` / ``If-None-Match``;
* an **offline bundle**: ``DIR/manifest.json`` = ``{"resources": {"<url>": "<file>"}}`` with
  files confined to ``DIR``; when a bundle is set the network is never used.

The deployment's own origin (``self_origins``, from ``DALEL_PUBLIC_URL``) is what the operator
configured; it is exempt from the http and private-address rules (a demo at
``http://127.0.0.1:8000`` verifies its own diplomas) and is always revalidated, so a
revocation on the same host is seen at once.

Every failure raises :class:`FetchError` (a :class:`common.errors.ResourceUnavailable`) with a
reason ``code``: ``host_not_allowed``, ``scheme_not_allowed``, ``address_not_allowed``,
``dns_failed``, ``unreachable``, ``timeout``, ``too_many_redirects``, ``http_status``,
``too_large``, ``not_in_bundle``, ``bundle_invalid``, ``invalid_url``.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
import logging
import socket
import ssl
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from common.errors import DalelError, ResourceUnavailable

# httpx logs every request URL at INFO; fetched URLs can carry share tokens (remote lookups),
# so only warnings reach the logs
logging.getLogger("httpx").setLevel(logging.WARNING)

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
USER_AGENT = "Dalel-verifier/0.1 (+https://dalel.kz)"
_REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(ResourceUnavailable):
    """A resource could not be obtained; `code` says why (see the module docstring)."""

    def __init__(self, code: str, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.url = url


_deadline: ContextVar[float | None] = ContextVar("dalel_fetch_deadline", default=None)


@contextmanager
def fetch_deadline(seconds: float) -> Iterator[None]:
    """Every fetch in the enclosed code ends by `seconds` from now (monotonic clock), whatever
    its own deadline: one verification cannot wait on the network longer than that in all.
    A tighter enclosing deadline stays in force."""
    moment = time.monotonic() + seconds
    outer = _deadline.get()
    token = _deadline.set(moment if outer is None else min(outer, moment))
    try:
        yield
    finally:
        _deadline.reset(token)


class NotJson(ValueError):
    """The resource was obtained but is not a JSON document."""


Resolver = Callable[[str], list[str]]


def system_resolver(host: str) -> list[str]:
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def is_public_address(address: str) -> bool:
    """False for private, loopback, link-local, multicast, reserved, unspecified, shared (CGNAT)
    and site-local addresses, and for IPv6 addresses that carry such an IPv4 address (mapped,
    6to4, Teredo: on a host with such a tunnel they reach it)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.is_site_local:
            return False
        embedded = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
        if any(v4 is not None and not is_public_address(str(v4)) for v4 in embedded):
            return False
        if ip.ipv4_mapped is not None:
            return True
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv4Address) and ip in ipaddress.ip_network("100.64.0.0/10"))
    )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{host}:{port}"


def _ssl_context(ca_file: str | Path) -> ssl.SSLContext:
    """The usual public roots plus the certificate authorities in `ca_file` (PEM): an
    operator's internal CA, or the test CA of a local HTTPS run. Certificates are still
    verified, names included."""
    path = Path(ca_file)
    context = httpx.create_ssl_context()
    try:
        context.load_verify_locations(cafile=str(path))
    except (OSError, ssl.SSLError) as exc:
        raise DalelError(f"DALEL_FETCH_CA_FILE {path}: {exc}") from None
    return context


# --------------------------------------------------------------------------- offline bundle


class Bundle:
    """An offline bundle directory: ``manifest.json`` maps URLs to files inside the directory."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory).resolve()
        manifest = self.directory / "manifest.json"
        try:
            data = json.loads(manifest.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise FetchError("bundle_invalid", f"offline bundle {self.directory}: {exc}") from None
        resources = data.get("resources") if isinstance(data, dict) else None
        if not isinstance(resources, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in resources.items()
        ):
            raise FetchError("bundle_invalid", f"offline bundle {self.directory}: manifest has no resources map")
        self.resources: dict[str, str] = dict(resources)
        # optional hints written by `dalel bundle build`: which resources are trust lists,
        # and which DIDs may sign them
        self.trust_lists: list[str] = [u for u in data.get("trust_lists", []) if isinstance(u, str)]
        self.trust_anchors: list[str] = [d for d in data.get("trust_anchors", []) if isinstance(d, str)]

    def path_for(self, url: str) -> Path:
        relative = self.resources.get(url)
        if relative is None:
            raise FetchError("not_in_bundle", f"{url} is not in the offline bundle", url=url)
        candidate = (self.directory / relative).resolve()
        if not candidate.is_relative_to(self.directory) or candidate == self.directory:
            raise FetchError("bundle_invalid", f"bundle entry for {url} points outside the bundle", url=url)
        return candidate

    def read(self, url: str, max_bytes: int) -> bytes:
        path = self.path_for(url)
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise FetchError("too_large", f"{url}: {size} bytes in the bundle, limit {max_bytes}", url=url)
            return path.read_bytes()
        except OSError as exc:
            raise FetchError("bundle_invalid", f"{url}: {exc.strerror or exc}", url=url) from None


# --------------------------------------------------------------------------- cache


@dataclass
class _Entry:
    body: bytes
    content_type: str
    etag: str | None
    fresh_until: float


def _max_age(headers: httpx.Headers) -> tuple[float, bool]:
    """(seconds the response stays fresh, whether it may be stored at all)."""
    directives = {}
    for part in headers.get("cache-control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            directives[name.lower()] = value.strip().strip('"')
    if "no-store" in directives:
        return 0.0, False
    if "no-cache" in directives:
        return 0.0, True
    if "max-age" in directives:
        try:
            return max(0.0, float(int(directives["max-age"]))), True
        except ValueError:
            return 0.0, True
    expires = headers.get("expires")
    if expires:
        try:
            moment = email.utils.parsedate_to_datetime(expires).timestamp()
            return max(0.0, moment - time.time()), True
        except (TypeError, ValueError):
            return 0.0, True
    return 0.0, True


# --------------------------------------------------------------------------- the fetcher


class Fetcher:
    """See the module docstring. Thread-safe; one per application."""

    def __init__(
        self,
        allow_hosts: Iterable[str] | None = (),
        allow_http: bool = False,
        allow_private: bool = False,
        timeout: float = 5.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = 3,
        bundle: str | Path | Bundle | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver | None = None,
        self_origins: Iterable[str] = (),
        cache_entries: int = 512,
        max_ttl: float = 3600.0,
        ca_file: str | Path | None = None,
        deadline: float | None = None,
    ) -> None:
        self._hosts: set[str] = set()
        for host in allow_hosts or ():
            self.allow_host(host)
        self.allow_http = allow_http
        self.allow_private = allow_private
        self.timeout = timeout
        # wall time one fetch may take, redirects and streaming included (default 2 × timeout)
        self.deadline = float(deadline) if deadline is not None else 2 * timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        if bundle is not None and not isinstance(bundle, Bundle):
            bundle = Bundle(bundle)
        self.bundle: Bundle | None = bundle
        self._transport = transport
        self._resolver = resolver or system_resolver
        self._self_origins = {_origin(o) for o in self_origins}
        self._cache: OrderedDict[str, _Entry] = OrderedDict()
        self._cache_entries = cache_entries
        self._max_ttl = max_ttl
        self._lock = threading.Lock()
        self._client: httpx.Client | None = None
        self._ssl_context = _ssl_context(ca_file) if ca_file else None

    # ------------------------------------------------------------------ configuration
    @classmethod
    def from_settings(cls, settings: Any, *, transport: httpx.BaseTransport | None = None) -> Fetcher:
        """A fetcher configured by a deployment's settings: ``fetch_allow_hosts`` plus the hosts
        of ``public_url``, ``trust_lists`` URLs and ``verifier_upstream_url``; the offline bundle
        ``verifier_bundle`` (``DALEL_VERIFIER_BUNDLE``) when set."""
        public_url = getattr(settings, "public_url", None)
        hosts = list(getattr(settings, "fetch_allow_hosts", None) or [])
        extra_urls = [public_url, getattr(settings, "verifier_upstream_url", None)]
        extra_urls += [u for u in (getattr(settings, "trust_lists", None) or []) if "://" in str(u)]
        for url in extra_urls:
            if url and urlsplit(str(url)).hostname:
                hosts.append(urlsplit(str(url)).hostname)
        bundle = getattr(settings, "verifier_bundle", None)
        return cls(
            hosts,
            allow_http=bool(getattr(settings, "fetch_allow_http", False)),
            allow_private=bool(getattr(settings, "fetch_allow_private", False)),
            timeout=float(getattr(settings, "fetch_timeout_seconds", 5.0)),
            bundle=bundle,
            transport=transport,
            self_origins=[public_url] if public_url else [],
            ca_file=getattr(settings, "fetch_ca_file", None),
            deadline=getattr(settings, "fetch_deadline_seconds", None),
        )

    def allow_host(self, host: str) -> None:
        """Add a host (``name``, ``*.suffix`` or ``*``) to the allowlist."""
        host = host.strip().lower().rstrip(".")
        if host:
            with getattr(self, "_lock", threading.Lock()):
                self._hosts.add(host)

    @property
    def allowed_hosts(self) -> frozenset[str]:
        return frozenset(self._hosts)

    def allows(self, url: str) -> bool:
        """Whether `url`'s host may be asked at all (the deployment's own origins, or the
        allowlist); the address and scheme rules are still applied when it is fetched."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return False
        if self.bundle is not None:
            return True
        return bool(parts.hostname) and (_origin(url) in self._self_origins or self.host_allowed(parts.hostname))

    def host_allowed(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        if "*" in self._hosts or host in self._hosts:
            return True
        return any(p.startswith("*.") and host.endswith(p[1:]) for p in self._hosts)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    # ------------------------------------------------------------------ public API
    def get_json(self, url: str, *, max_bytes: int = 100_000) -> Any:
        """The JSON document at `url`. Raises FetchError, or NotJson (a ValueError)."""
        body, _ = self._get(url, max_bytes=max_bytes, accept="application/json, application/ld+json;q=0.9, */*;q=0.1")
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise NotJson(f"{url}: not a JSON document ({type(exc).__name__})") from None

    def get_bytes(self, url: str, *, max_bytes: int | None = None, accept: str = "*/*") -> bytes:
        return self._get(url, max_bytes=max_bytes or self.max_bytes, accept=accept)[0]

    def get(self, url: str, *, max_bytes: int | None = None, accept: str = "*/*") -> tuple[bytes, str]:
        """(body, content type)."""
        return self._get(url, max_bytes=max_bytes or self.max_bytes, accept=accept)

    __call__ = get_json  # a fetcher is a `fetch_json` callable (keys.resolve.DidResolver)

    # ------------------------------------------------------------------ internals
    def _get(self, url: str, *, max_bytes: int, accept: str) -> tuple[bytes, str]:
        if not isinstance(url, str) or not url:
            raise FetchError("invalid_url", "no URL")
        url = url.split("#", 1)[0]
        if self.bundle is not None:
            return self.bundle.read(url, max_bytes), "application/json"
        now = time.monotonic()
        with self._lock:
            entry = self._cache.get(url)
            if entry is not None:
                self._cache.move_to_end(url)
        if entry is not None and entry.fresh_until > now:
            if len(entry.body) > max_bytes:
                raise FetchError("too_large", f"{url}: larger than {max_bytes} bytes", url=url)
            return entry.body, entry.content_type
        return self._network(url, max_bytes=max_bytes, accept=accept, cached=entry)

    def _check_url(self, url: str) -> tuple[httpx.URL, str, dict[str, Any]]:
        """Validates `url`; returns (URL to request, Host header value, request extensions)."""
        try:
            parts = urlsplit(url)
            host = parts.hostname
            port = parts.port
        except ValueError:
            raise FetchError("invalid_url", f"{url!r} is not a valid URL", url=url) from None
        if parts.scheme not in ("http", "https") or not host:
            raise FetchError("invalid_url", f"{url!r} is not an http(s) URL", url=url)
        if parts.username or parts.password:
            raise FetchError("invalid_url", "URLs with credentials are not fetched", url=url)
        own = _origin(url) in self._self_origins
        if parts.scheme != "https" and not (self.allow_http or own):
            raise FetchError("scheme_not_allowed", f"{url}: only https is allowed", url=url)
        if not (own or self.host_allowed(host)):
            raise FetchError("host_not_allowed", f"{host} is not in the fetch allowlist", url=url)
        try:
            target = httpx.URL(url)
        except (httpx.InvalidURL, ValueError):  # e.g. an octal IPv4 form such as 0177.0.0.1
            raise FetchError("invalid_url", f"{url!r} is not a valid URL", url=url) from None
        extensions: dict[str, Any] = {"timeout": self._timeouts()}
        host_header = parts.netloc.rsplit("@", 1)[-1]
        if self.allow_private or own:
            return target, host_header, extensions
        try:
            literal = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        if literal is not None:
            addresses = [str(literal)]
        else:
            try:
                addresses = self._resolver(host)
            except (OSError, UnicodeError) as exc:
                raise FetchError("dns_failed", f"{host}: name does not resolve ({exc})", url=url) from None
        if not addresses:
            raise FetchError("dns_failed", f"{host}: name does not resolve", url=url)
        for address in addresses:
            try:
                public = is_public_address(address)
            except ValueError:
                public = False
            if not public:
                raise FetchError("address_not_allowed", f"{host} resolves to a non-public address", url=url)
        if literal is None and self._transport is None:
            # connect to the address we checked, keep the name for Host, SNI and certificates
            ip = ipaddress.ip_address(addresses[0].split("%")[0])
            ip_host = f"[{ip}]" if ip.version == 6 else str(ip)
            netloc = ip_host + (f":{port}" if port else "")
            target = httpx.URL(urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")))
            extensions["sni_hostname"] = host
        return target, host_header, extensions

    def _timeouts(self, remaining: float | None = None) -> dict[str, float]:
        timeout = self.timeout if remaining is None else max(0.01, min(self.timeout, remaining))
        return {"connect": timeout, "read": timeout, "write": timeout, "pool": timeout}

    def _deadline(self) -> float:
        """The monotonic moment this fetch must end by: its own deadline, or the enclosing
        verification's when that comes first."""
        moment = time.monotonic() + self.deadline
        outer = _deadline.get()
        return moment if outer is None else min(moment, outer)

    @staticmethod
    def _remaining(deadline: float, url: str) -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError("timeout", f"{url}: deadline passed", url=url)
        return remaining

    def _client_instance(self) -> httpx.Client:
        if self._client is None:
            # no keep-alive: the pool is keyed by the (checked) IP address, and a TLS connection
            # verified for one name must not carry a request for another name at that address
            self._client = httpx.Client(
                transport=self._transport,
                follow_redirects=False,
                timeout=self.timeout,
                trust_env=False,
                limits=httpx.Limits(max_keepalive_connections=0),
                verify=self._ssl_context if self._ssl_context is not None else True,
            )
        return self._client

    def _network(self, url: str, *, max_bytes: int, accept: str, cached: _Entry | None) -> tuple[bytes, str]:
        original = url
        client = self._client_instance()
        deadline = self._deadline()
        for hop in range(self.max_redirects + 1):
            target, host_header, extensions = self._check_url(url)
            extensions["timeout"] = self._timeouts(self._remaining(deadline, url))
            headers = {"Accept": accept, "User-Agent": USER_AGENT, "Host": host_header}
            if cached is not None and cached.etag and url == original:
                headers["If-None-Match"] = cached.etag
            request = httpx.Request("GET", target, headers=headers, extensions=extensions)
            try:
                response = client.send(request, stream=True, follow_redirects=False)
            except httpx.TimeoutException:
                raise FetchError("timeout", f"{url}: timed out", url=url) from None
            except httpx.HTTPError as exc:
                raise FetchError("unreachable", f"{url}: {type(exc).__name__}", url=url) from None
            finally:
                client.cookies.clear()
            try:
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError("http_status", f"{url}: redirect without Location", url=url)
                    if hop >= self.max_redirects:
                        raise FetchError("too_many_redirects", f"{original}: more than {self.max_redirects} redirects", url=original)
                    url = urljoin(url, location)
                    continue
                if response.status_code == 304 and cached is not None and url == original:
                    ttl, _ = _max_age(response.headers)
                    self._store(original, cached.body, cached.content_type, cached.etag, ttl)
                    return cached.body, cached.content_type
                if response.status_code != 200:
                    raise FetchError("http_status", f"{url}: HTTP {response.status_code}", url=url)
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError("too_large", f"{url}: {declared} bytes, limit {max_bytes}", url=url)
                chunks: list[bytes] = []
                total = 0
                try:
                    for chunk in self._raw_chunks(response):
                        self._remaining(deadline, url)
                        total += len(chunk)
                        if total > max_bytes:
                            raise FetchError("too_large", f"{url}: more than {max_bytes} bytes", url=url)
                        chunks.append(chunk)
                except httpx.TimeoutException:
                    raise FetchError("timeout", f"{url}: timed out", url=url) from None
                except httpx.HTTPError as exc:
                    raise FetchError("unreachable", f"{url}: {type(exc).__name__}", url=url) from None
                body = b"".join(chunks)
                if response.headers.get("content-encoding", "identity").lower() not in ("identity", ""):
                    body = self._decode(response, body, max_bytes, url)
                content_type = response.headers.get("content-type", "application/octet-stream")
                ttl, storable = _max_age(response.headers)
                if storable:
                    self._store(original, body, content_type, response.headers.get("etag"), ttl)
                return body, content_type
            finally:
                response.close()
        raise FetchError("too_many_redirects", f"{original}: too many redirects", url=original)  # pragma: no cover

    @staticmethod
    def _raw_chunks(response: httpx.Response):
        """The body as it came (an in-memory response from a mock transport is already read)."""
        if response.is_stream_consumed or getattr(response, "_content", None) is not None:
            yield response.content
            return
        yield from response.iter_raw()

    @staticmethod
    def _decode(response: httpx.Response, body: bytes, max_bytes: int, url: str) -> bytes:
        """Content-Encoding decoded with the size cap applied to the decoded bytes too."""
        import zlib

        encoding = response.headers.get("content-encoding", "").lower()
        if encoding not in ("gzip", "deflate"):
            raise FetchError("unreachable", f"{url}: unsupported content encoding {encoding}", url=url)
        wbits = 16 + zlib.MAX_WBITS if encoding == "gzip" else zlib.MAX_WBITS
        decoder = zlib.decompressobj(wbits)
        try:
            out = decoder.decompress(body, max_bytes + 1)
        except zlib.error:
            raise FetchError("unreachable", f"{url}: corrupt {encoding} body", url=url) from None
        if len(out) > max_bytes or decoder.unconsumed_tail:
            raise FetchError("too_large", f"{url}: more than {max_bytes} bytes once decompressed", url=url)
        return out

    def _store(self, url: str, body: bytes, content_type: str, etag: str | None, ttl: float) -> None:
        own = _origin(url) in self._self_origins
        ttl = 0.0 if own else min(ttl, self._max_ttl)
        if ttl <= 0 and not etag:
            with self._lock:
                self._cache.pop(url, None)
            return
        with self._lock:
            self._cache[url] = _Entry(body, content_type, etag, time.monotonic() + ttl)
            self._cache.move_to_end(url)
            while len(self._cache) > self._cache_entries:
                self._cache.popitem(last=False)
