//! Keeping strangers out. The page holds the register between requests, so another site must not be
//! able to use it through the user's browser:
//!
//! - **Host** (DNS rebinding: a site whose name resolves to this machine): every request's `Host` must
//!   name this server — `localhost`, the machine's own names, each `--allow-host NAME`, or an IP
//!   address that is a loopback address, the bound address or the address the connection arrived on
//!   (an address literal cannot be rebound). Anything else gets 421.
//! - **Origin** (cross-site requests): a request that changes something (any method but GET, HEAD,
//!   OPTIONS) whose `Origin` is not this server's own origin (`null` included), or which a browser
//!   marks `Sec-Fetch-Site: cross-site`, gets 403.
//!
//! A request without `Host` or `Origin` (a script, curl, these tests) is not a browser acting for
//! another site and passes.

use super::AppState;
use super::errors::ApiError;
use axum::extract::connect_info::{ConnectInfo, Connected};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::serve::IncomingStream;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The two ends of a connection: the client's address and the address it arrived on.
#[derive(Debug, Clone, Copy)]
pub struct Conn {
    /// The client.
    pub remote: SocketAddr,
    /// This machine's address the client connected to.
    pub local: Option<SocketAddr>,
}

impl Connected<IncomingStream<'_, tokio::net::TcpListener>> for Conn {
    fn connect_info(stream: IncomingStream<'_, tokio::net::TcpListener>) -> Self {
        Conn {
            remote: *stream.remote_addr(),
            local: stream.io().local_addr().ok(),
        }
    }
}

/// The client's address, for the register's "who took the number" when no name is typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Client(pub Option<IpAddr>);

/// The names and addresses this server answers to.
#[derive(Debug, Clone)]
pub struct Hosts {
    names: Vec<String>,
    bound: IpAddr,
}

impl Hosts {
    /// `localhost`, the machine's name (and `NAME.local`), each allowed name, and the bound address.
    pub fn new(bound: IpAddr, allow: &[String]) -> Hosts {
        let mut names = vec!["localhost".to_owned()];
        let machine = crate::pipeline::register::machine_name().to_lowercase();
        if !machine.is_empty() {
            names.push(format!("{machine}.local"));
            names.push(machine);
        }
        names.extend(allow.iter().map(|a| normalise(a)).filter(|a| !a.is_empty()));
        Hosts { names, bound }
    }

    /// Whether `host` (a Host header's name, without port) names this server.
    fn accepts(&self, host: &str, local: Option<IpAddr>) -> bool {
        let host = normalise(host);
        let literal = host.trim_start_matches('[').trim_end_matches(']');
        if let Ok(ip) = literal.parse::<IpAddr>() {
            return ip.is_loopback() || ip == self.bound || Some(ip) == local;
        }
        self.names.contains(&host)
    }
}

/// Lower case, without a trailing dot.
fn normalise(name: &str) -> String {
    name.trim().trim_end_matches('.').to_lowercase()
}

/// The host of an authority ("127.0.0.1:8686" → "127.0.0.1", "[::1]:80" → "[::1]").
fn host_of(authority: &str) -> &str {
    let a = authority.trim();
    if a.starts_with('[') {
        return a.split_inclusive(']').next().unwrap_or(a);
    }
    match a.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => a,
    }
}

fn refused(status: StatusCode, message: &str, hint: &str) -> Response {
    let mut e = ApiError::bad_request(message, hint);
    e.status = status;
    e.into_response()
}

/// The middleware: the Host check for every request, the Origin check for requests that change
/// something; records the client's address for the handlers.
pub(super) async fn guard(
    State(st): State<Arc<AppState>>,
    mut req: Request,
    next: Next,
) -> Response {
    let conn = req.extensions().get::<ConnectInfo<Conn>>().map(|c| c.0);
    let local = conn.and_then(|c| c.local).map(|a| a.ip());
    let headers = req.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned);
    if let Some(h) = &host
        && !st.hosts.accepts(host_of(h), local)
    {
        return refused(
            StatusCode::MISDIRECTED_REQUEST,
            &format!("tên máy \"{h}\" không phải địa chỉ của máy chủ này"),
            "mở trang bằng địa chỉ vanban serve in ra; tên máy dùng chung trong mạng thì thêm --allow-host TÊN",
        );
    }
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes {
        let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
        let cross_site = headers
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("cross-site"));
        let same_origin = match origin {
            None => !cross_site,
            Some(o) => {
                let authority = o
                    .split_once("://")
                    .map(|(_, rest)| rest.trim_end_matches('/'))
                    .unwrap_or("");
                match &host {
                    Some(h) => !authority.is_empty() && authority.eq_ignore_ascii_case(h),
                    None => !authority.is_empty() && st.hosts.accepts(host_of(authority), local),
                }
            }
        };
        if !same_origin {
            return refused(
                StatusCode::FORBIDDEN,
                "yêu cầu đến từ một trang web khác, bị từ chối",
                "chỉ trang của vanban serve mới dùng được các chức năng này",
            );
        }
    }
    req.extensions_mut()
        .insert(Client(conn.map(|c| c.remote.ip())));
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let h = Hosts::new(IpAddr::from([127, 0, 0, 1]), &["May-Chung.".into()]);
        for ok in ["localhost", "127.0.0.1", "[::1]", "may-chung", "LOCALHOST"] {
            assert!(h.accepts(ok, None), "{ok}");
        }
        for bad in ["evil.example", "192.168.1.5", "localhost.evil.example"] {
            assert!(!h.accepts(bad, None), "{bad}");
        }
        assert!(h.accepts("192.168.1.5", Some(IpAddr::from([192, 168, 1, 5]))));
        assert_eq!(host_of("127.0.0.1:8686"), "127.0.0.1");
        assert_eq!(host_of("[::1]:8686"), "[::1]");
        assert_eq!(host_of("may-chung"), "may-chung");
    }
}
