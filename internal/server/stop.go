package server

import (
	"fmt"
	"strings"
	"time"
)

// stopReportEvery is how often a stop that is waiting logs for what.
var stopReportEvery = 3 * time.Second

// stoppable is what stopWithin stops: the service.
type stoppable interface {
	Close() error
	Busy() []string // the running work, for the log
}

// StopError is a graceful stop that passed its deadline: the work named
// in Abandoned was still running. Acknowledged writes are in the WAL, and
// cancelled index builds start over at the next start, so nothing is lost.
type StopError struct {
	Timeout   time.Duration
	Abandoned []string
}

func (e *StopError) Error() string {
	return fmt.Sprintf("stop timeout %v passed; abandoned: %s (acknowledged writes are in the WAL and are replayed at the next start)",
		e.Timeout, strings.Join(e.Abandoned, "; "))
}

// stopWithin closes svc (which cancels index builds and compactions, then
// waits for them to return) and logs what it still waits for every few
// seconds. At the deadline it gives up with a *StopError.
func (s *Server) stopWithin(svc stoppable, deadline time.Time) error {
	done := make(chan error, 1)
	go func() { done <- svc.Close() }()
	tick := time.NewTicker(stopReportEvery)
	defer tick.Stop()
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	for {
		select {
		case err := <-done:
			if err != nil {
				s.log.Warn("closing the data files failed; the WAL is replayed at the next start", "err", err)
			}
			return nil
		case <-tick.C:
			s.log.Info("stopping: waiting for running work to return", "waiting_for", strings.Join(svc.Busy(), "; "),
				"gives_up_in", time.Until(deadline).Round(time.Second).String())
		case <-timer.C:
			err := &StopError{Timeout: s.cfg.StopTimeout, Abandoned: svc.Busy()}
			if len(err.Abandoned) == 0 {
				err.Abandoned = []string{"closing the data files"}
			}
			s.log.Error("stop deadline passed: exiting without waiting", "abandoned", strings.Join(err.Abandoned, "; "),
				"stop_timeout", s.cfg.StopTimeout.String())
			return err
		}
	}
}

// apiStopBudget is how long in-flight requests get to finish before they
// are cancelled: half the stop timeout, at most 10 s; the rest is for the
// service's background work.
func (s *Server) apiStopBudget() time.Duration {
	return min(s.cfg.StopTimeout/2, 10*time.Second)
}
