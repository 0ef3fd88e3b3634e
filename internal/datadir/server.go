package datadir

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"time"
)

// ServerInfo is what a serving process writes to kite.server.json so that
// `kite meta` and `kite doctor` can reach it while it holds the metadata lock.
type ServerInfo struct {
	PID         int       `json:"pid"`
	Version     string    `json:"version"`
	Addr        string    `json:"addr"`         // Milvus API, host:port
	MetricsAddr string    `json:"metrics_addr"` // health, metrics and /admin, host:port
	Started     time.Time `json:"started"`
}

// WriteServer records info atomically (temp file and rename).
func (d Dir) WriteServer(info ServerInfo) error {
	raw, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return err
	}
	tmp := d.Server() + ".tmp"
	if err := os.WriteFile(tmp, append(raw, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, d.Server())
}

// RemoveServer deletes the file if it still describes this process.
func (d Dir) RemoveServer(pid int) {
	if info, err := d.ReadServer(); err == nil && info.PID == pid {
		os.Remove(d.Server())
	}
}

// ReadServer reads the file a server wrote; it may be stale after a crash.
func (d Dir) ReadServer() (ServerInfo, error) {
	var info ServerInfo
	raw, err := os.ReadFile(d.Server())
	if err != nil {
		return info, err
	}
	if err := json.Unmarshal(raw, &info); err != nil {
		return info, fmt.Errorf("%s: %w", d.Server(), err)
	}
	return info, nil
}

// Dialable turns a listening address into one a local client can dial:
// an unspecified host (0.0.0.0, ::) becomes the loopback address.
func Dialable(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}
