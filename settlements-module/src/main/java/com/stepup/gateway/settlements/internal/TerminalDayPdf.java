package com.stepup.gateway.settlements.internal;

import com.stepup.gateway.platform.Amounts;
import com.stepup.gateway.settlements.TerminalDayReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The end-of-day report as a PDF (Apache PDFBox, as the disputes' evidence pack): one A4 page of
 * text, amounts in major units with their currency.
 */
final class TerminalDayPdf {

  private TerminalDayPdf() {}

  static byte[] write(TerminalDayReport r) {
    List<String[]> lines = new ArrayList<>();
    lines.add(
        new String[] {
          "h", "End-of-day report: " + r.terminalReference() + " at " + r.storeReference()
        });
    lines.add(
        new String[] {
          "p",
          r.date()
              + " in "
              + r.timeZone()
              + (r.terminalName() == null ? "" : " (terminal " + r.terminalName() + ")")
              + ": sales started from "
              + r.from()
              + " to "
              + r.to()
              + " (UTC)"
        });
    TerminalDayReport.Sales s = r.sales();
    lines.add(new String[] {"h", "Sales"});
    lines.add(
        new String[] {
          "p",
          "Started "
              + s.started()
              + "; approved "
              + s.approved()
              + ", declined "
              + s.declined()
              + ", expired "
              + s.expired()
              + ", canceled "
              + s.canceled()
              + ", failed "
              + s.failed()
              + ", still pending "
              + s.pending()
        });
    if (r.currencies().isEmpty()) {
      lines.add(new String[] {"p", "No money moved for these sales."});
    }
    for (TerminalDayReport.CurrencyDay c : r.currencies()) {
      String cur = c.currency();
      lines.add(new String[] {"h", "Money in " + cur});
      lines.add(new String[] {"p", "Captured " + money(c.captured(), cur)});
      lines.add(new String[] {"p", "Refunded " + money(c.refunded(), cur)});
      lines.add(new String[] {"p", "Net " + money(c.net(), cur)});
      lines.add(
          new String[] {
            "p",
            "Open authorizations left uncaptured: "
                + c.uncapturedCount()
                + ", "
                + money(c.uncapturedAmount(), cur)
          });
      lines.add(
          new String[] {
            "p",
            "Approved sales not yet finalized: "
                + c.notFinalizedCount()
                + ", "
                + money(c.notFinalizedAmount(), cur)
          });
      lines.add(
          new String[] {
            "p",
            "Settled by Klarna so far: "
                + c.settledCaptures()
                + " of "
                + c.captures()
                + " captures; sales "
                + money(c.settledSales(), cur)
                + ", returns "
                + money(c.settledReturns(), cur)
                + ", fees and tax "
                + money(c.settledFees(), cur)
                + ", net "
                + money(c.settledNet(), cur)
          });
    }
    return render(lines, "Terminal day " + r.terminalReference() + " " + r.date());
  }

  static String money(long minor, String currency) {
    return Amounts.major(minor, currency) + " " + currency;
  }

  private static byte[] render(List<String[]> lines, String title) {
    try (PDDocument doc = new PDDocument();
        var out = new ByteArrayOutputStream()) {
      PDDocumentInformation info = new PDDocumentInformation();
      info.setTitle(latin1(title));
      info.setProducer("stepup gateway");
      doc.setDocumentInformation(info);
      PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
      float margin = 50;
      float width = PDRectangle.A4.getWidth() - 2 * margin;
      float y = 0;
      PDPageContentStream page = null;
      for (String[] l : lines) {
        boolean heading = "h".equals(l[0]);
        PDType1Font font = heading ? bold : regular;
        float size = heading ? 13 : 10f;
        for (String part : wrap(latin1(l[1]), font, size, width)) {
          float step = size * 1.45f + (heading ? 6 : 0);
          if (page == null || y - step < margin) {
            if (page != null) {
              page.close();
            }
            PDPage p = new PDPage(PDRectangle.A4);
            doc.addPage(p);
            page = new PDPageContentStream(doc, p);
            y = PDRectangle.A4.getHeight() - margin;
          }
          y -= step;
          page.beginText();
          page.setFont(font, size);
          page.newLineAtOffset(margin, y);
          page.showText(part);
          page.endText();
        }
      }
      if (page != null) {
        page.close();
      }
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> wrap(String text, PDType1Font font, float size, float width)
      throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = current.length() == 0 ? word : current + " " + word;
      if (font.getStringWidth(candidate) / 1000 * size > width && current.length() > 0) {
        out.add(current.toString());
        current = new StringBuilder(word);
      } else {
        current = new StringBuilder(candidate);
      }
    }
    out.add(current.toString());
    return out;
  }

  /** Only what the standard fonts' encoding holds; anything else becomes '?'. */
  static String latin1(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      b.append(ch >= 0x20 && ch < 0x7F || ch >= 0xA0 && ch <= 0xFF ? ch : ch == '\t' ? ' ' : '?');
    }
    return b.toString();
  }
}
