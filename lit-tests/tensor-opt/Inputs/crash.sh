#!/bin/sh
# Usage: crash.sh FIFO
# Starts tensor-opt on FIFO (it blocks opening it), waits until tensor-opt has
# installed its handler for SIGABRT (bit 5 of SigCgt in /proc/PID/status),
# sends SIGABRT, and prints tensor-opt's exit code.
fifo=$1
rm -f "$fifo"
mkfifo "$fifo" || exit 1
tensor-opt "$fifo" > /dev/null &
pid=$!
tries=0
while :; do
  caught=$(awk '/^SigCgt:/ { print $2 }' "/proc/$pid/status" 2> /dev/null)
  if [ -n "$caught" ] && [ $(( 0x$caught & 0x20 )) -ne 0 ]; then
    break
  fi
  tries=$((tries + 1))
  if [ "$tries" -gt 600 ]; then
    kill -KILL "$pid"
    echo "tensor-opt never installed its SIGABRT handler"
    exit 1
  fi
  sleep 0.1
done
kill -ABRT "$pid"
wait "$pid"
echo "exit code $?"
rm -f "$fifo"
