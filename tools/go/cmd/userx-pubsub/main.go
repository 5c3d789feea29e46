// Command userx-pubsub serves Google's in-process Pub/Sub fake (pstest) on a
// TCP port, as the local stand-in for Cloud Pub/Sub.
//
// firebase-tools starts it in place of Google's Java emulator when
// PUBSUB_EMULATOR_BINARY_PATH points at it. It then runs the binary as
// `userx-pubsub --port=8085 --host=127.0.0.1` (its "pubsub" command has
// optionalArgs port and host, with joinArgs), waits until the port accepts
// connections, and stops it with SIGINT.
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
	"cloud.google.com/go/pubsub/v2/pstest"
)

// defaultAckDeadlineSeconds is what Pub/Sub uses when a subscription is
// created without an ack deadline, and the smallest one pstest accepts.
const defaultAckDeadlineSeconds = 10

func main() {
	host := flag.String("host", "127.0.0.1", "host or IP address to listen on")
	port := flag.Int("port", 8085, "TCP port to listen on")
	_ = flag.CommandLine.Parse(knownFlags(flag.CommandLine, os.Args[1:])) // exits on a bad value

	if err := run(net.JoinHostPort(*host, strconv.Itoa(*port))); err != nil {
		fmt.Fprintln(os.Stderr, "userx-pubsub:", err)
		os.Exit(1)
	}
}

// knownFlags drops the arguments that fs does not define, so that options a
// newer firebase-tools might pass to Google's emulator do not stop this one.
// Every flag defined here takes a value, given as --name=value (the form
// firebase-tools uses) or as --name value.
func knownFlags(fs *flag.FlagSet, args []string) []string {
	var known []string
	for i := 0; i < len(args); i++ {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		switch {
		case strings.HasPrefix(args[i], "-") && fs.Lookup(name) != nil:
			known = append(known, args[i])
			if !hasValue && i+1 < len(args) {
				i++
				known = append(known, args[i])
			}
		case args[i] == "-h" || args[i] == "--help":
			known = append(known, args[i])
		default:
			fmt.Fprintf(os.Stderr, "userx-pubsub: ignoring argument %q\n", args[i])
		}
	}
	return known
}

func run(addr string) error {
	srv, err := listen(addr,
		pstest.ServerReactorOption{FuncName: "CreateSubscription", Reactor: ackDeadlineDefaulter{}},
		pstest.ServerReactorOption{FuncName: "UpdateSubscription", Reactor: ackDeadlineDefaulter{}},
	)
	if err != nil {
		return err
	}

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)

	fmt.Printf("userx-pubsub: ready, listening on %s\n", srv.Addr)
	select {
	case <-sig:
	case <-parentGone(os.Getppid()):
		fmt.Println("userx-pubsub: the process that started it is gone")
	}
	if err := srv.Close(); err != nil {
		return err
	}
	fmt.Println("userx-pubsub: stopped")
	return nil
}

// parentGone closes when this process is orphaned. firebase-tools starts it in
// a process group of its own and stops it on a clean shutdown; if
// firebase-tools is killed instead (say, when its shutdown hangs), nothing
// would stop this server and it would keep the port.
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
// meant for tests), so the panic is turned back into an error here; its text
// keeps "address already in use", which firebase-tools looks for on stderr.
func listen(addr string, opts ...pstest.ServerReactorOption) (srv *pstest.Server, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return pstest.NewServerWithAddress(addr, opts...), nil
}

// ackDeadlineDefaulter raises a subscription's ack deadline to 10 s when a
// create or update request asks for less. The Node client sends 0 when no
// deadline is configured, which the real service takes as "use the default
// (10 s)", but pstest rejects any deadline below 10 s. The reactor edits the
// request in place and reports it unhandled, so pstest then processes the
// corrected request as usual.
type ackDeadlineDefaulter struct{}

func (ackDeadlineDefaulter) React(req any) (handled bool, ret any, err error) {
	switch req := req.(type) {
	case *pubsubpb.Subscription: // CreateSubscription
		raiseAckDeadline(req)
	case *pubsubpb.UpdateSubscriptionRequest:
		raiseAckDeadline(req.GetSubscription())
	}
	return false, nil, nil
}

func raiseAckDeadline(sub *pubsubpb.Subscription) {
	if sub != nil && sub.AckDeadlineSeconds < defaultAckDeadlineSeconds {
		sub.AckDeadlineSeconds = defaultAckDeadlineSeconds
	}
}
