package dev.tegula.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.json.Json;

/**
 * V8's sampling profiler in the bench page's Tegula workers, through the DevTools protocol of the
 * headless Chromium the bench drives (the page's own profiler sees only its main thread): every
 * dedicated worker whose URL names {@code codec=tegula} is profiled from its start; at the end
 * each profile is written as a .cpuprofile (DevTools > Performance loads it) and summed by
 * function, self and total time. With the debug Wasm build the functions are Java methods.
 * The page keeps its workers alive in this mode ({@code profile=1}), since a profile dies with
 * its worker.
 */
final class WorkerProfiler implements AutoCloseable {
  private static final Json JSON = new Json();
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<Map<String, Object>>> pending =
      new ConcurrentHashMap<>();
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();

  private WorkerProfiler(WebSocket socket) {
    this.socket = socket;
  }

  /** Attaches to the page target of the browser at {@code debuggerAddress} (host:port). */
  static WorkerProfiler attach(String debuggerAddress) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    String list = http.send(HttpRequest.newBuilder(URI.create("http://" + debuggerAddress
        + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body();
    String page = null;
    for (Map<String, Object> t : JSON.<List<Map<String, Object>>>toType(list,
        Json.LIST_OF_MAPS_TYPE)) {
      if ("page".equals(t.get("type"))) {
        page = (String) t.get("webSocketDebuggerUrl");
      }
    }
    if (page == null) {
      throw new IOException("no page target at " + debuggerAddress + ": " + list);
    }
    Listener listener = new Listener();
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), listener).join();
    WorkerProfiler p = new WorkerProfiler(socket);
    listener.owner = p;
    p.call(null, "Target.setAutoAttach",
        Map.of("autoAttach", true, "waitForDebuggerOnStart", false, "flatten", true));
    return p;
  }

  /**
   * Stops every worker's profile, writes each as {@code out}-N.cpuprofile and returns the summary
   * (the {@code top} functions by self time and by total time, per worker).
   */
  String finish(Path out, int top) throws IOException {
    StringBuilder s = new StringBuilder();
    int n = 0;
    for (String session : sessions) {
      Map<String, Object> r = call(session, "Profiler.stop", Map.of());
      @SuppressWarnings("unchecked")
      Map<String, Object> profile = (Map<String, Object>) r.get("profile");
      Path file = out.resolveSibling(out.getFileName() + "-" + (++n) + ".cpuprofile");
      Files.writeString(file, JSON.toJson(profile));
      s.append(summary(profile, top)).append("(profile: ").append(file).append(")\n");
    }
    return s.toString();
  }

  /** Self and total milliseconds per function name (total: once per sample however deep). */
  @SuppressWarnings("unchecked")
  static String summary(Map<String, Object> profile, int top) {
    Map<Long, Map<String, Object>> nodes = new HashMap<>();
    Map<Long, Long> parent = new HashMap<>();
    for (Map<String, Object> node : (List<Map<String, Object>>) profile.get("nodes")) {
      long id = ((Number) node.get("id")).longValue();
      nodes.put(id, node);
      for (Object child : (List<Object>) node.getOrDefault("children", List.of())) {
        parent.put(((Number) child).longValue(), id);
      }
    }
    List<Object> samples = (List<Object>) profile.get("samples");
    List<Object> deltas = (List<Object>) profile.get("timeDeltas");
    Map<String, Double> self = new HashMap<>();
    Map<String, Double> total = new HashMap<>();
    double all = 0;
    for (int i = 0; i < samples.size(); i++) {
      // a sample lasts until the next one
      double ms = i + 1 < deltas.size() ? ((Number) deltas.get(i + 1)).doubleValue() / 1000 : 0;
      long id = ((Number) samples.get(i)).longValue();
      String name = name(nodes.get(id));
      if (name.equals("(idle)") || name.equals("(program)")) {
        continue;
      }
      all += ms;
      self.merge(name, ms, Double::sum);
      Set<String> seen = new HashSet<>();
      for (Long at = id; at != null; at = parent.get(at)) {
        String f = name(nodes.get(at));
        if (seen.add(f)) {
          total.merge(f, ms, Double::sum);
        }
      }
    }
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "worker profile: %.0f ms busy%n", all));
    for (Map<String, Double> m : List.of(self, total)) {
      s.append(m == self ? "  by self time:\n" : "  by total time:\n");
      List<Map.Entry<String, Double>> e = new ArrayList<>(m.entrySet());
      e.sort(Map.Entry.<String, Double>comparingByValue().reversed());
      for (Map.Entry<String, Double> x : e.subList(0, Math.min(top, e.size()))) {
        s.append(String.format(Locale.ROOT, "  %8.1f ms %5.1f %%  %s%n", x.getValue(),
            100 * x.getValue() / all, x.getKey()));
      }
    }
    return s.toString();
  }

  @SuppressWarnings("unchecked")
  private static String name(Map<String, Object> node) {
    Map<String, Object> frame = (Map<String, Object>) node.get("callFrame");
    String f = (String) frame.get("functionName");
    return f == null || f.isEmpty() ? "(anonymous " + frame.get("url") + ")" : f;
  }

  private Map<String, Object> call(String session, String method, Map<String, Object> params) {
    CompletableFuture<Map<String, Object>> f = send(session, method, params);
    try {
      return f.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(method + " failed", e);
    }
  }

  private CompletableFuture<Map<String, Object>> send(String session, String method,
      Map<String, Object> params) {
    int id = ids.incrementAndGet();
    Map<String, Object> msg = new HashMap<>(Map.of("id", id, "method", method, "params", params));
    if (session != null) {
      msg.put("sessionId", session);
    }
    CompletableFuture<Map<String, Object>> f = new CompletableFuture<>();
    pending.put(id, f);
    synchronized (socket) {
      socket.sendText(JSON.toJson(msg), true).join();
    }
    return f;
  }

  @SuppressWarnings("unchecked")
  private void received(String text) {
    Map<String, Object> msg = JSON.toType(text, Json.MAP_TYPE);
    Object id = msg.get("id");
    if (id != null) {
      CompletableFuture<Map<String, Object>> f = pending.remove(((Number) id).intValue());
      if (f != null) {
        if (msg.containsKey("error")) {
          f.completeExceptionally(new IOException(String.valueOf(msg.get("error"))));
        } else {
          f.complete((Map<String, Object>) msg.get("result"));
        }
      }
      return;
    }
    if ("Target.attachedToTarget".equals(msg.get("method"))) {
      Map<String, Object> p = (Map<String, Object>) msg.get("params");
      Map<String, Object> info = (Map<String, Object>) p.get("targetInfo");
      String session = (String) p.get("sessionId");
      if ("worker".equals(info.get("type")) && String.valueOf(info.get("url")).contains(
          "codec=tegula")) {
        sessions.add(session);
        // not awaited here: this runs on the socket's listener thread, which delivers the answers
        send(session, "Profiler.enable", Map.of());
        send(session, "Profiler.setSamplingInterval", Map.of("interval", 1000));
        send(session, "Profiler.start", Map.of());
      }
    }
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS);
  }

  /** Joins a message's fragments and hands it over. */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    WorkerProfiler owner;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String message = text.toString();
        text.setLength(0);
        owner.received(message);
      }
      ws.request(1);
      return null;
    }
  }
}
