package org.peerloop.bot.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import org.peerloop.bot.people.MemberStore;
import org.peerloop.bot.people.Partnership;
import org.peerloop.bot.people.PartnershipStore;
import org.peerloop.content.flow.FlowLibrary;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A partnership's members: import a facilitator's list, and see who is there. */
@RestController
@RequestMapping(
    path = "/api/v1/partnerships/{slug}/members",
    produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "members")
@SecurityRequirement(name = OpenApiDocument.BEARER)
class MembersController {

  private final PartnershipStore partnerships;
  private final MemberStore members;
  private final MemberImport importer;
  private final PartnershipLocks locks;
  private final List<String> languages;

  MembersController(
      PartnershipStore partnerships,
      MemberStore members,
      MemberImport importer,
      PartnershipLocks locks,
      FlowLibrary flows) {
    this.partnerships = partnerships;
    this.members = members;
    this.importer = importer;
    this.locks = locks;
    this.languages = flows.catalog().languages();
  }

  @PostMapping("/import")
  @Operation(
      summary =
          "Import members from CSV (name, organisation, role, phone or Telegram username,"
              + " language), as text/csv or as the part \"file\" of a multipart upload",
      description =
          "The report lists each refused line with its reason, and each new member's personal"
              + " code (one use, 30 days) for the facilitator to send them.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "200", description = "the report", useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "413",
      description = "over 1 MB or 5,000 rows",
      content = @Content(schema = @Schema(implementation = ErrorBody.class)))
  ImportReport importCsv(@PathVariable String slug, HttpServletRequest request) throws IOException {
    Partnership p = find(slug);
    if (request.getContentLengthLong() > MemberCsv.MAX_BYTES) {
      throw AdminProblem.tooLarge("the file is larger than 1 MB; split it");
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MemberCsv.MAX_BYTES + 1);
    }
    return run(p, body);
  }

  @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      summary =
          "Import members from CSV (name, organisation, role, phone or Telegram username,"
              + " language), as text/csv or as the part \"file\" of a multipart upload")
  ImportReport importUpload(@PathVariable String slug, @RequestPart("file") MultipartFile file)
      throws IOException {
    Partnership p = find(slug);
    if (file.getSize() > MemberCsv.MAX_BYTES) {
      throw AdminProblem.tooLarge("the file is larger than 1 MB; split it");
    }
    return run(p, file.getBytes());
  }

  @GetMapping
  @Operation(summary = "The partnership's members (phone numbers masked)")
  List<MemberView> list(@PathVariable String slug) {
    Partnership p = find(slug);
    return members.inPartnership(p.slug()).stream()
        .flatMap(m -> m.in(p.slug()).map(place -> MemberView.of(m, place)).stream())
        .sorted(
            Comparator.comparing(MemberView::organisation)
                .thenComparing(v -> v.name() == null ? "" : v.name(), String.CASE_INSENSITIVE_ORDER)
                .thenComparing(MemberView::id))
        .toList();
  }

  private ImportReport run(Partnership p, byte[] body) {
    MemberCsv.Result rows = MemberCsv.read(body, p, languages);
    return locks.with(p.slug(), () -> importer.run(p, rows));
  }

  private Partnership find(String slug) {
    return partnerships.find(slug).orElseThrow(() -> AdminProblem.noPartnership(slug));
  }
}
