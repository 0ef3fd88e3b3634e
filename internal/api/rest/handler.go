package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/kite-db/kite/internal/api/middleware"
	"github.com/kite-db/kite/internal/apierr"
	"github.com/kite-db/kite/internal/service"
)

// Prefix is the path every REST API v2 endpoint lives under.
const Prefix = "/v2/vectordb/"

// MaxBody is the largest request body accepted, Milvus's request limit.
const MaxBody = 64 << 20

// Handler is the REST API v2 http.Handler.
type Handler struct {
	version string // Kite's, for "not supported" messages
	log     *slog.Logger
	svc     atomic.Pointer[service.Service]
	metrics *middleware.Metrics // nil: not measured
}

// SetMetrics counts requests and their latency in m, as the RPCs are, under
// method "rest:<resource>/<verb>". Call it before serving.
func (h *Handler) SetMetrics(m *middleware.Metrics) { h.metrics = m }

// New returns a handler that answers "not ready" until SetService.
func New(kiteVersion string, log *slog.Logger) *Handler {
	if log == nil {
		log = slog.Default()
	}
	return &Handler{version: kiteVersion, log: log}
}

// SetService installs the recovered service.
func (h *Handler) SetService(svc *service.Service) { h.svc.Store(svc) }

// call is one request as endpoints see it.
type call struct {
	ctx      context.Context
	svc      *service.Service
	body     []byte
	dbHeader string
	intNums  bool // Int64 values as JSON numbers (else strings)
}

// endpoint handles one /v2/vectordb/<resource>/<verb>.
type endpoint func(h *Handler, c *call) (*envelope, error)

// envelope is Milvus's REST response. Data is always set on success.
type envelope struct {
	Code    int32   `json:"code"`
	Data    any     `json:"data,omitempty"`
	Message string  `json:"message,omitempty"`
	Cost    *int    `json:"cost,omitempty"`
	Topks   []int64 `json:"topks,omitempty"`
	// RequestID ties a failure to the server's log line about it.
	RequestID string `json:"requestId,omitempty"`
}

func ok(data any) *envelope { return &envelope{Data: data} }

// okCost is the answer of entity operations, which Milvus reports with a cost.
func okCost(data any) *envelope {
	zero := 0
	return &envelope{Data: data, Cost: &zero}
}

func empty() *envelope { return ok(map[string]any{}) }

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	if r.Method == http.MethodOptions {
		w.Header().Set("Access-Control-Allow-Methods", "POST, OPTIONS")
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type, Authorization, DB-Name, Accept-Type-Allow-Int64, Request-Timeout")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, Prefix)
	ep, known := endpoints[name]
	switch {
	case !strings.HasPrefix(r.URL.Path, Prefix):
		h.reply(w, http.StatusNotFound, r.URL.Path, nil, apierr.Unimplemented("REST endpoint "+r.URL.Path, h.version))
	case !known:
		h.reply(w, http.StatusOK, r.URL.Path, nil, apierr.Unimplemented("REST endpoint "+r.URL.Path, h.version))
	case r.Method != http.MethodPost:
		w.Header().Set("Allow", "POST")
		h.reply(w, http.StatusMethodNotAllowed, r.URL.Path, nil, apierr.Invalid("%s %s: REST API v2 endpoints accept POST only", r.Method, r.URL.Path))
	default:
		start := time.Now()
		env, err := h.serve(w, r, name, ep)
		code := h.reply(w, http.StatusOK, r.URL.Path, env, err)
		if h.metrics != nil {
			h.metrics.Observe("rest:"+name, code, time.Since(start))
		}
	}
}

func (h *Handler) serve(w http.ResponseWriter, r *http.Request, name string, ep endpoint) (env *envelope, err error) {
	defer func() {
		if p := recover(); p != nil {
			h.log.Error("panic in REST handler", "endpoint", name, "panic", p)
			env, err = nil, apierr.Internal(fmt.Errorf("unexpected failure in %s, see the server log", name))
		}
	}()
	svc := h.svc.Load()
	if svc == nil {
		return nil, apierr.NotReady("Kite is starting: replaying the write-ahead log")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, apierr.TooLarge(fmt.Sprintf("request body exceeds %d bytes", MaxBody))
	}
	if err != nil {
		return nil, errBadFormat("error: " + err.Error())
	}
	ctx, cancel := requestContext(r)
	defer cancel()
	c := &call{ctx: ctx, svc: svc, body: body, dbHeader: r.Header.Get("DB-Name"), intNums: true}
	if v, perr := strconv.ParseBool(r.Header.Get("Accept-Type-Allow-Int64")); perr == nil {
		c.intNums = v
	}
	return ep(h, c)
}

// requestContext is the context a request's service calls run under: the
// request's own (cancelled when the client goes away), with the deadline
// a Request-Timeout header asks for, in whole seconds as Milvus reads it.
// A value Milvus cannot parse is ignored, as Milvus 2.6 ignores it.
func requestContext(r *http.Request) (context.Context, context.CancelFunc) {
	secs, err := strconv.ParseInt(r.Header.Get("Request-Timeout"), 10, 64)
	if err != nil || secs <= 0 {
		return context.WithCancel(r.Context())
	}
	return context.WithTimeout(r.Context(), time.Duration(secs)*time.Second)
}

// reply writes the envelope, or err's status with a request ID that the
// log line about it carries too; it returns the Milvus code answered.
func (h *Handler) reply(w http.ResponseWriter, status int, path string, env *envelope, err error) int32 {
	if err == nil {
		if env == nil {
			env = empty()
		}
		out, merr := json.Marshal(env)
		if merr == nil {
			writeJSON(w, status, out)
			return 0
		}
		err = errSearchResult(merr)
	}
	st := apierr.Status(err)
	if st.GetCode() == apierr.CodeTimeout {
		status = http.StatusRequestTimeout // Milvus's REST answer to a request past its deadline
	}
	id := middleware.RequestID()
	h.log.Warn("request failed", "method", "REST "+path, "code", st.GetCode(), "reason", st.GetReason(), "request_id", id,
		"detail", apierr.TakeDetail(st))
	w.Header().Set("X-Request-Id", id)
	out, _ := json.Marshal(&envelope{Code: st.GetCode(), Message: st.GetReason(), RequestID: id})
	writeJSON(w, status, out)
	return st.GetCode()
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

// decode reads the JSON body into v, keeping numbers exact.
func (c *call) decode(v any) error {
	if len(bytes.TrimSpace(c.body)) == 0 {
		return errBadFormat("the request body should be nil, however {} is valid")
	}
	d := json.NewDecoder(bytes.NewReader(c.body))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		return errBadFormat("error: " + err.Error())
	}
	return nil
}

// db picks the database: the body's dbName, the DB-Name header, "default".
func (c *call) db(fromBody string) string {
	switch {
	case fromBody != "":
		return fromBody
	case c.dbHeader != "":
		return c.dbHeader
	}
	return "default"
}

// required reports the first empty required parameter.
func required(params ...string) error {
	for i := 0; i+1 < len(params); i += 2 {
		if params[i+1] == "" {
			return errMissing(params[i])
		}
	}
	return nil
}
