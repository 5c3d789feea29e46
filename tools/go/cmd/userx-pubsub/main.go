// Command userx-pubsub serves Google's in-process Pub/Sub fake (pstest) on a
// TCP port, as the local stand-in for Cloud Pub/Sub, and delivers the
// messages of its push subscriptions as Eventarc delivers them to 2nd-gen
// functions (see pusher.go).
//
// tools/platform.mjs starts it as a server of its own, with --provision naming
// the topics and push subscriptions of cloud-resources.json, which it creates
// before it listens.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"cloud.google.com/go/pubsub/v2/pstest"
)

func main() {
	host := flag.String("host", "127.0.0.1", "host or IP address to listen on")
	port := flag.Int("port", 8085, "TCP port to listen on")
	provisionPath := flag.String("provision", "", "a JSON file of topics and subscriptions to create at start")
	maxInFlight := flag.Int("max-pushes-in-flight", pusherDefaults.maxInFlight, "pushes in flight per push subscription")
	pushTimeout := flag.Duration("push-timeout", pusherDefaults.pushTimeout, "how long a push may take before it counts as failed")
	flag.Parse()

	opts := pusherDefaults
	opts.maxInFlight, opts.pushTimeout = *maxInFlight, *pushTimeout
	if err := run(net.JoinHostPort(*host, strconv.Itoa(*port)), *provisionPath, opts); err != nil {
		fmt.Fprintln(os.Stderr, "userx-pubsub:", err)
		os.Exit(1)
	}
}

func run(addr, provisionPath string, opts pusherOptions) error {
	logger := log.New(os.Stdout, "userx-pubsub: ", log.LstdFlags|log.Lmicroseconds)
	registry := newSubscriptionRegistry()
	// The port is taken before anything is provisioned, and the platform waits
	// for the "ready" line, not the port, so nobody publishes to a topic that
	// is still missing.
	srv, err := listen(addr,
		pstest.ServerReactorOption{FuncName: "CreateSubscription", Reactor: registry},
		pstest.ServerReactorOption{FuncName: "UpdateSubscription", Reactor: registry},
	)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if provisionPath != "" {
		topics, subscriptions, err := provision(ctx, &srv.GServer, provisionPath)
		if err != nil {
			return fmt.Errorf("provisioning from %s: %w", provisionPath, err)
		}
		logger.Printf("provisioned %d topics and %d subscriptions from %s", topics, subscriptions, provisionPath)
	}
	go newPusher(&srv.GServer, registry, opts, logger).run(ctx)

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	logger.Printf("ready, listening on %s", srv.Addr)
	select {
	case <-sig:
	case <-parentGone(os.Getppid()):
		logger.Print("the process that started it is gone")
	}
	cancel()
	if err := srv.Close(); err != nil {
		return err
	}
	logger.Print("stopped")
	return nil
}

// parentGone closes when this process is orphaned: if the platform runner is
// killed, nothing else would stop this server and it would keep the port.
func parentGone(parent int) <-chan struct{} {
	gone := make(chan struct{})
	go func() {
		for os.Getppid() == parent {
			time.Sleep(time.Second)
		}
		close(gone)
	}()
	return gone
}

// listen starts pstest on addr. pstest panics when it cannot listen (it is
// meant for tests), so the panic is turned back into an error here.
func listen(addr string, opts ...pstest.ServerReactorOption) (srv *pstest.Server, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return pstest.NewServerWithAddress(addr, opts...), nil
}
