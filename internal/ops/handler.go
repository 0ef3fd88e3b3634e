package ops

import (
	"net"
	"net/http"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// BackupHandler serves POST BackupPath: a consistent copy of db streamed
// from one read transaction, so writers carry on meanwhile. It answers
// loopback clients only: the metrics port may listen on every interface, and
// metadata is not for the network.
func BackupHandler(db *bolt.DB) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "use POST", http.StatusMethodNotAllowed)
			return
		}
		if !isLoopback(r.RemoteAddr) {
			http.Error(w, "metadata backups are served to local clients only; run `kite meta backup` on the server's machine",
				http.StatusForbidden)
			return
		}
		err := db.View(func(tx *bolt.Tx) error {
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Header().Set("Content-Length", strconv.FormatInt(tx.Size(), 10))
			w.Header().Set("X-Kite-Meta-Txid", strconv.Itoa(tx.ID()))
			_, err := tx.WriteTo(w)
			return err
		})
		if err != nil {
			// Headers are gone; a short body makes the client's length check fail.
			panic(http.ErrAbortHandler)
		}
	})
}

func isLoopback(remote string) bool {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
