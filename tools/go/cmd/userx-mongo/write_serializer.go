package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
)

// FerretDB v1 applies an update (update, findAndModify) by reading the
// document, changing it in Go and writing the whole document back, with
// nothing guarding the gap: two concurrent updates of one document lose one
// of them, and a guarded update ({claimsCount: {$lt: n}}) can pass its guard
// on a stale read. MongoDB makes every single-document write atomic and
// User-X relies on that, so this proxy runs the commands that write one at a
// time. Reads still run concurrently.

const (
	opMsg            = 2013
	flagMoreToCome   = 1 << 1
	maxMessageLength = 48 << 20
)

var writeCommands = map[string]bool{"insert": true, "update": true, "delete": true, "findandmodify": true}

// serveSerialized accepts MongoDB wire-protocol connections on ln and relays
// each to a new connection made by dial.
func serveSerialized(ln net.Listener, dial func() (net.Conn, error), logger *slog.Logger) error {
	var writes sync.Mutex
	for {
		client, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		go func() {
			defer client.Close()
			server, err := dial()
			if err != nil {
				logger.Error("userx-mongo: cannot reach FerretDB", "error", err)
				return
			}
			defer server.Close()
			if err := relay(client, server, &writes); err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
				logger.Debug("userx-mongo: connection closed", "error", err)
			}
		}()
	}
}

// relay forwards requests one at a time (drivers wait for each reply before
// sending the next request on a connection), holding writes while one runs.
func relay(client, server net.Conn, writes *sync.Mutex) error {
	for {
		request, err := readMessage(client)
		if err != nil {
			return err
		}
		if err := roundTrip(request, client, server, writes); err != nil {
			return err
		}
	}
}

func roundTrip(request []byte, client, server net.Conn, writes *sync.Mutex) error {
	if isWrite(request) {
		writes.Lock()
		defer writes.Unlock()
	}
	if _, err := server.Write(request); err != nil {
		return err
	}
	if moreToCome(request) {
		return nil
	}
	for {
		reply, err := readMessage(server)
		if err != nil {
			return err
		}
		if _, err := client.Write(reply); err != nil {
			return err
		}
		if !moreToCome(reply) {
			return nil
		}
	}
}

func readMessage(r io.Reader) ([]byte, error) {
	var header [16]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	length := int(binary.LittleEndian.Uint32(header[:4]))
	if length < len(header) || length > maxMessageLength {
		return nil, fmt.Errorf("message length %d out of range", length)
	}
	message := make([]byte, length)
	copy(message, header[:])
	if _, err := io.ReadFull(r, message[len(header):]); err != nil {
		return nil, err
	}
	return message, nil
}

func moreToCome(message []byte) bool {
	return opCode(message) == opMsg && len(message) >= 20 && binary.LittleEndian.Uint32(message[16:20])&flagMoreToCome != 0
}

func opCode(message []byte) uint32 {
	return binary.LittleEndian.Uint32(message[12:16])
}

// isWrite reads the command name: the first key of the OP_MSG body section.
// Anything it cannot read is treated as a write, which is merely slower.
func isWrite(message []byte) bool {
	if opCode(message) != opMsg {
		return opCode(message) != 2004 // OP_QUERY only carries the handshake.
	}
	for at := 20; at < len(message); {
		kind := message[at]
		at++
		if kind == 1 {
			if at+4 > len(message) {
				return true
			}
			at += int(binary.LittleEndian.Uint32(message[at : at+4]))
			continue
		}
		// Body: int32 document length, element type byte, then the name as a C string.
		start := at + 5
		if start >= len(message) {
			return true
		}
		end := start
		for end < len(message) && message[end] != 0 {
			end++
		}
		return writeCommands[strings.ToLower(string(message[start:end]))]
	}
	return true
}
