//! Who may talk to `parallax serve`: the `Host` header must name this
//! server ([`HostPolicy`]: no DNS rebinding), an `Origin`, when sent, must
//! be the request's own, and the per-run token is compared in constant
//! time. `http.rs` applies these checks to every request.

use std::net::IpAddr;

/// Which `Host` headers name this server. A browser sends the name it
/// resolved, so accepting only our own names stops DNS rebinding (a
/// hostile page's domain re-pointed at us); an IP literal cannot be
/// rebound, so when listening on every interface any IP literal is ours.
#[derive(Debug, Clone)]
pub struct HostPolicy {
    /// The address listened on.
    pub listen: IpAddr,
    /// The port listened on.
    pub port: u16,
    /// Other names (lower case) given with `--allow-host`.
    pub names: Vec<String>,
}

impl HostPolicy {
    /// True when `host` (a `Host` header) names this server.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let Some((name, port)) = split_host(&host) else {
            return false;
        };
        // A name given with --allow-host is the one a reverse proxy is
        // reached by, on the proxy's port (443 behind TLS: no port in the
        // header at all). The name is what stops DNS rebinding (a hostile
        // page's own name re-pointed at us), so any port goes with it.
        if self.names.iter().any(|n| *n == name) {
            return true;
        }
        if port != self.port {
            return false;
        }
        if name == "localhost" {
            return self.listen.is_loopback() || self.listen.is_unspecified();
        }
        if let Ok(ip) = name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            return ip == self.listen || self.listen.is_unspecified();
        }
        false
    }
}

/// `name:port`, `[v6]:port` or `name` (port 80) → (name, port).
fn split_host(host: &str) -> Option<(&str, u16)> {
    if host.starts_with('[') {
        let end = host.find(']')?;
        let (name, rest) = host.split_at(end + 1);
        return match rest.strip_prefix(':') {
            Some(port) => Some((name, port.parse().ok()?)),
            None if rest.is_empty() => Some((name, 80)),
            None => None,
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) => Some((name, port.parse().ok()?)),
        None => Some((host, 80)),
    }
}

/// True when an `Origin` header is this request's own origin (the scheme
/// may be `https` behind a TLS-terminating proxy).
pub fn same_origin(origin: &str, host: &str) -> bool {
    let origin = origin.trim().to_ascii_lowercase();
    let host = host.trim().to_ascii_lowercase();
    origin == format!("http://{host}") || origin == format!("https://{host}")
}

pub(super) fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(listen: &str, names: &[&str]) -> HostPolicy {
        HostPolicy {
            listen: listen.parse().unwrap(),
            port: 8123,
            names: names.iter().map(|n| n.to_string()).collect(),
        }
    }

    #[test]
    fn loopback_accepts_its_address_and_localhost_only() {
        let hosts = policy("127.0.0.1", &[]);
        assert!(hosts.allows("127.0.0.1:8123"));
        assert!(hosts.allows("localhost:8123"));
        assert!(hosts.allows("LocalHost:8123"));
        assert!(!hosts.allows("127.0.0.1:8124"));
        assert!(!hosts.allows("evil.example:8123"), "DNS rebinding");
        assert!(!hosts.allows("10.0.0.5:8123"));
        assert!(!hosts.allows("127.0.0.1"), "port 80 is not ours");
    }

    #[test]
    fn every_interface_accepts_ip_literals_and_named_hosts() {
        let hosts = policy("0.0.0.0", &["news.lab.example"]);
        assert!(hosts.allows("192.168.1.20:8123"));
        assert!(hosts.allows("[fe80::1]:8123"));
        assert!(hosts.allows("localhost:8123"));
        assert!(hosts.allows("news.lab.example:8123"));
        assert!(!hosts.allows("evil.example:8123"));
        // Behind a TLS-terminating proxy the public name comes on the
        // proxy's port, or with none.
        assert!(hosts.allows("news.lab.example"));
        assert!(hosts.allows("News.Lab.Example:443"));
        assert!(!hosts.allows("evil.example"));
        assert!(!hosts.allows("news.lab.example.evil.example"));
        assert!(same_origin("https://news.lab.example", "news.lab.example"));
        let specific = policy("192.168.1.20", &[]);
        assert!(specific.allows("192.168.1.20:8123"));
        assert!(!specific.allows("192.168.1.21:8123"));
        assert!(!specific.allows("localhost:8123"));
        let v6 = policy("::1", &[]);
        assert!(v6.allows("[::1]:8123"));
        assert!(v6.allows("localhost:8123"));
    }

    #[test]
    fn origins_must_be_the_request_host() {
        assert!(same_origin("http://localhost:8123", "localhost:8123"));
        assert!(same_origin(
            "https://news.lab.example:8123",
            "news.lab.example:8123"
        ));
        assert!(!same_origin("http://example.org", "127.0.0.1:8123"));
        assert!(!same_origin("http://127.0.0.1:8123.evil", "127.0.0.1:8123"));
        assert!(!same_origin("null", "127.0.0.1:8123"));
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }
}
