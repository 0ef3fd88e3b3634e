package middleware

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"

	"github.com/milvus-io/milvus-proto/go-api/v2/commonpb"

	"github.com/kite-db/kite/internal/apierr"
)

// requestID is a short random ID tying an error a client saw to the
// server's log line about it.
func requestID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// tagError puts the request ID into a failed response's status (extra_info
// "request_id" and the detail) and logs the error under the same ID.
func tagError(resp any, method, id string, log *slog.Logger) {
	st := statusOf(resp)
	if st == nil || st.GetCode() == 0 {
		return
	}
	if st.ExtraInfo == nil {
		st.ExtraInfo = map[string]string{}
	}
	st.ExtraInfo["request_id"] = id
	st.Detail = st.GetReason() + " (request_id=" + id + ")"
	args := []any{"method", method, "code", st.GetCode(), "reason", st.GetReason(), "request_id", id}
	if d := apierr.TakeDetail(st); d != "" {
		args = append(args, "detail", d) // the storage error's paths: for the log, not the wire
	}
	log.Warn("request failed", args...)
}

// failed reports whether resp carries an error status.
func failed(resp any) bool {
	st := statusOf(resp)
	return st != nil && st.GetCode() != 0
}

func statusOf(resp any) *commonpb.Status {
	type hasStatus interface{ GetStatus() *commonpb.Status }
	switch r := resp.(type) {
	case *commonpb.Status:
		return r
	case hasStatus:
		return r.GetStatus()
	}
	return nil
}
