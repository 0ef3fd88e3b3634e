package main

import (
	"io"
	"log/slog"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/kite-db/kite/internal/server"
)

func serveCmd() *cobra.Command {
	cfg := server.Default()
	var configFile string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the Milvus API on the embedded default storage",
		Long: `Serves the Milvus API (gRPC and REST v2) on --port and health, metrics and the
admin endpoints on --metrics-port, both on --host: 127.0.0.1 by default, so only
this machine reaches them. --host 0.0.0.0 serves every interface; Kite does not
authenticate clients yet, so expose it to trusted networks only.`,
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if configFile != "" {
				flags := cfg
				if err := cfg.LoadFile(configFile); err != nil {
					return err
				}
				overrideChanged(cmd, &cfg, flags)
			}
			log := newLogger(cfg.LogLevel, cmd.ErrOrStderr())
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			return server.New(cfg, log).Run(ctx)
		},
	}
	f := cmd.Flags()
	f.StringVar(&configFile, "config", "", "YAML config file; flags given on the command line override it")
	f.StringVar(&cfg.DataDir, "data-dir", cfg.DataDir, "directory for metadata, WAL and segment files")
	f.StringVar(&cfg.Host, "host", cfg.Host, "address both ports listen on; 0.0.0.0 for every interface (no authentication yet: trusted networks only)")
	f.IntVar(&cfg.Port, "port", cfg.Port, "Milvus API port: gRPC and REST v2")
	f.IntVar(&cfg.MetricsPort, "metrics-port", cfg.MetricsPort, "port of /healthz, /livez, /metrics and the admin endpoints")
	f.IntVar(&cfg.SealRows, "seal-rows", cfg.SealRows, "rows of growing data that trigger sealing a segment")
	f.StringVar(&cfg.LogLevel, "log-level", cfg.LogLevel, "debug, info, warn or error")
	f.BoolVar(&cfg.Pprof, "pprof", cfg.Pprof, "serve Go's profiler at /debug/pprof/ on the metrics port (never on the API port)")
	f.BoolVar(&cfg.ForceNew, "force-new", false, "start with empty metadata even though the data dir holds segment or WAL files")
	f.IntVar(&cfg.MinFreeMB, "min-free-mb", cfg.MinFreeMB, "refuse to start with less free disk space than this (MiB)")
	f.IntVar(&cfg.MetaSnapshots, "meta-snapshots", cfg.MetaSnapshots, "automatic metadata snapshots to keep in <data-dir>/meta-snapshots; 0 turns them off")
	f.DurationVar(&cfg.MetaSnapshotInterval, "meta-snapshot-interval", cfg.MetaSnapshotInterval, "time between periodic metadata snapshots (DDL always takes one); 0: DDL only")
	f.DurationVar(&cfg.CompactionInterval, "compaction-interval", cfg.CompactionInterval, "time between automatic compaction checks; 0: only ManualCompaction compacts")
	f.DurationVar(&cfg.CompactionRetention, "compaction-retention", cfg.CompactionRetention, "keep deleted rows this long through compaction, for reads at older timestamps")
	f.DurationVar(&cfg.StopTimeout, "stop-timeout", cfg.StopTimeout, "on SIGTERM, give running work (index builds, compactions, flushes) this long to stop, then exit 1 without it")
	return cmd
}

// overrideChanged re-applies flags the user set explicitly over the file.
func overrideChanged(cmd *cobra.Command, cfg *server.Config, flags server.Config) {
	set := func(name string, apply func()) {
		if cmd.Flags().Changed(name) {
			apply()
		}
	}
	set("data-dir", func() { cfg.DataDir = flags.DataDir })
	set("host", func() { cfg.Host = flags.Host })
	set("port", func() { cfg.Port = flags.Port })
	set("metrics-port", func() { cfg.MetricsPort = flags.MetricsPort })
	set("seal-rows", func() { cfg.SealRows = flags.SealRows })
	set("log-level", func() { cfg.LogLevel = flags.LogLevel })
	set("pprof", func() { cfg.Pprof = flags.Pprof })
	set("min-free-mb", func() { cfg.MinFreeMB = flags.MinFreeMB })
	set("meta-snapshots", func() { cfg.MetaSnapshots = flags.MetaSnapshots })
	set("meta-snapshot-interval", func() { cfg.MetaSnapshotInterval = flags.MetaSnapshotInterval })
	set("compaction-interval", func() { cfg.CompactionInterval = flags.CompactionInterval })
	set("compaction-retention", func() { cfg.CompactionRetention = flags.CompactionRetention })
	set("stop-timeout", func() { cfg.StopTimeout = flags.StopTimeout })
}

func newLogger(level string, w io.Writer) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}
