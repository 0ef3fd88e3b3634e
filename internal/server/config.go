// Package server is Kite's composition root: it checks the data directory,
// opens the catalog and service, and serves the Milvus API on one port and
// health and metrics on another, in that order, stopping in reverse.
package server

import (
	"fmt"
	"os"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/kite-db/kite/internal/metasnap"
)

// Config is the whole server configuration.
type Config struct {
	DataDir     string `yaml:"data_dir"`
	Host        string `yaml:"host"` // both ports; the default 127.0.0.1 serves this machine only
	Port        int    `yaml:"port"`
	MetricsPort int    `yaml:"metrics_port"`
	SealRows    int    `yaml:"seal_rows"` // rows of growing data that trigger a seal
	LogLevel    string `yaml:"log_level"` // debug, info, warn, error
	NoSync      bool   `yaml:"-"`         // tests only
	Pprof       bool   `yaml:"pprof"`     // serve /debug/pprof/ on the metrics port

	ForceNew             bool          `yaml:"-"`                      // start with empty metadata beside existing data
	MinFreeMB            int           `yaml:"min_free_mb"`            // refuse to start with less free disk
	MetaSnapshots        int           `yaml:"meta_snapshots"`         // automatic metadata snapshots kept; 0: none
	MetaSnapshotInterval time.Duration `yaml:"meta_snapshot_interval"` // periodic snapshots; 0: only on DDL
	CompactionInterval   time.Duration `yaml:"compaction_interval"`    // automatic compaction checks; 0: manual only
	CompactionRetention  time.Duration `yaml:"compaction_retention"`   // deleted rows kept for reads at older timestamps
	StopTimeout          time.Duration `yaml:"stop_timeout"`           // graceful stop gives up after this (stop.go)
}

// Default returns the embedded defaults.
func Default() Config {
	return Config{DataDir: "./kite-data", Host: "127.0.0.1", Port: 19530, MetricsPort: 9091, SealRows: 100_000, LogLevel: "info",
		MinFreeMB: 32, MetaSnapshots: metasnap.DefaultKeep, MetaSnapshotInterval: metasnap.DefaultInterval,
		CompactionInterval: time.Minute, StopTimeout: 30 * time.Second}
}

// LoadFile overlays a YAML file on c.
func (c *Config) LoadFile(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read config: %w", err)
	}
	if err := yaml.Unmarshal(raw, c); err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	return nil
}

// Validate checks the values make sense.
func (c *Config) Validate() error {
	switch {
	case c.DataDir == "":
		return fmt.Errorf("data_dir must not be empty")
	case c.Port < 0 || c.Port > 65535:
		return fmt.Errorf("port %d is out of range", c.Port)
	case c.MetricsPort < 0 || c.MetricsPort > 65535:
		return fmt.Errorf("metrics_port %d is out of range", c.MetricsPort)
	case c.Port != 0 && c.Port == c.MetricsPort:
		return fmt.Errorf("port and metrics_port are both %d", c.Port)
	case c.SealRows < 1:
		return fmt.Errorf("seal_rows must be positive")
	case c.CompactionInterval < 0 || c.CompactionRetention < 0:
		return fmt.Errorf("compaction_interval and compaction_retention must not be negative")
	case c.StopTimeout <= 0:
		return fmt.Errorf("stop_timeout must be positive")
	case c.MinFreeMB < 0 || c.MetaSnapshots < 0 || c.MetaSnapshotInterval < 0:
		return fmt.Errorf("min_free_mb, meta_snapshots and meta_snapshot_interval must not be negative")
	}
	return nil
}
