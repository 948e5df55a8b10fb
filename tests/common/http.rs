//! Raw HTTP/1.1 for the `kbgen serve` tests: the path goes out byte for byte as
//! given, as an attacker would send it, which an HTTP client would normalize.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// The whole reply, head and body, to `GET <path>` with `Connection: close`.
pub fn get(addr: SocketAddr, path: &str, patience: Duration) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(patience)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read reply");
    String::from_utf8_lossy(&raw).into_owned()
}
